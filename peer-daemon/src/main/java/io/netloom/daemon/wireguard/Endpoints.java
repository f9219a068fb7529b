package io.netloom.daemon.wireguard;

import io.netloom.daemon.link.IpLiterals;
import io.netloom.daemon.link.Printable;
import java.net.Inet6Address;
import java.net.InetSocketAddress;

/** Endpoints in the {@code host:port} / {@code [v6]:port} form that both the UAPI and {@code wg} use. */
final class Endpoints {

    private Endpoints() {
    }

    static void requireUsable(InetSocketAddress endpoint) {
        // An unresolved name would make WireGuard (or wg) look it up; the daemon resolves names itself.
        if (endpoint.isUnresolved()) {
            throw new IllegalArgumentException("endpoint " + endpoint.getHostString() + " must be an IP address");
        }
        if (endpoint.getPort() == 0) {
            throw new IllegalArgumentException("endpoint " + format(endpoint) + " needs a port");
        }
    }

    static String format(InetSocketAddress endpoint) {
        String host = endpoint.getAddress().getHostAddress();
        if (endpoint.getAddress() instanceof Inet6Address) {
            // Scope ids ("%eth0") only mean something on this host; WireGuard endpoints are global.
            int scope = host.indexOf('%');
            return "[" + (scope < 0 ? host : host.substring(0, scope)) + "]:" + endpoint.getPort();
        }
        return host + ":" + endpoint.getPort();
    }

    static InetSocketAddress parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 0 || !text.substring(colon + 1).matches("[0-9]{1,5}")) {
            throw new IllegalArgumentException("WireGuard reported an endpoint without a port: " + Printable.quote(text));
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        // A peer that roamed to a link-local address comes with a scope ("%eth0"); the address
        // alone still tells the user where the peer is, and one odd peer must not fail the report.
        int scope = host.indexOf('%');
        if (scope >= 0) {
            host = host.substring(0, scope);
        }
        return new InetSocketAddress(IpLiterals.parse(host), Integer.parseInt(text.substring(colon + 1)));
    }
}
