package io.netloom.server.api;

import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.route.RoutePrefix;
import io.netloom.server.config.NetloomProperties;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/**
 * The IPv4 addresses devices reach the control plane at, as configured: the hosts of {@code public-url}, the gateway
 * URL and the STUN/TURN URIs. A route or network resource covering one of them is refused: the daemon keeps these
 * addresses out of its routes anyway (ADR 0032), but an admin who routes them means something that cannot work.
 * The machine's own interface addresses are not used: a server inside the very LAN a routing peer opens is a
 * normal set-up, and its devices reach it at the configured name.
 */
@Component
public final class ControlPlaneAddresses {

    private final NetloomProperties properties;

    public ControlPlaneAddresses(NetloomProperties properties) {
        this.properties = properties;
    }

    /** Refuses (422) a prefix that covers a control-plane address; the default route is an exit node, not a capture. */
    public void requireOutside(RoutePrefix prefix, String field) {
        if (prefix.isDefaultRoute()) {
            return;
        }
        for (String address : current()) {
            if (prefix.overlaps(new RoutePrefix(address + "/32"))) {
                throw CommandRejectedException.invalid(field + " " + prefix.cidr() + " covers " + address
                        + ", an address devices reach the Netloom server, STUN or TURN at");
            }
        }
    }

    /** The addresses as they are now; sorted, for stable messages. */
    Set<String> current() {
        Set<String> addresses = new TreeSet<>();
        List<String> hosts = new ArrayList<>();
        hosts.add(urlHost(properties.publicUrl()));
        hosts.add(urlHost(properties.gateway().url()));
        properties.gateway().urls().forEach(url -> hosts.add(urlHost(url)));
        properties.stunUris().forEach(uri -> hosts.add(iceHost(uri)));
        properties.turnUris().forEach(uri -> hosts.add(iceHost(uri)));
        hosts.stream().filter(host -> host != null && !host.isBlank()).forEach(host -> addresses.addAll(resolve(host)));
        return addresses;
    }

    private static String urlHost(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            return URI.create(url.strip()).getHost();
        } catch (IllegalArgumentException unparsable) {
            return null;
        }
    }

    /** {@code stun:host:port} and {@code turn:host:port?transport=udp} (RFC 7064, 7065) name a host, not a URL path. */
    private static String iceHost(String uri) {
        String rest = uri.strip();
        int colon = rest.indexOf(':');
        rest = colon < 0 ? rest : rest.substring(colon + 1);
        int end = rest.length();
        for (char stop : new char[] {':', '?'}) {
            int at = rest.indexOf(stop);
            if (at >= 0) {
                end = Math.min(end, at);
            }
        }
        return rest.substring(0, end);
    }

    private static List<String> resolve(String host) {
        try {
            List<String> found = new ArrayList<>();
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (address instanceof Inet4Address) {
                    found.add(address.getHostAddress());
                }
            }
            return found;
        } catch (UnknownHostException unresolvable) {
            return List.of();
        }
    }
}
