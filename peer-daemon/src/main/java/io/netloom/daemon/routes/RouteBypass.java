package io.netloom.daemon.routes;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The traffic that must never enter a route, or the device would cut itself off: to the Netloom servers and the
 * STUN and TURN servers (control traffic and relayed tunnels), from WireGuard's port, and from the ICE sockets.
 * The ICE sockets are bound to this device's own addresses with ports the kernel picks anew at every gathering, so
 * they are matched by their source address rather than port by port (ADR 0032).
 *
 * @param destinations IPv4 addresses of the servers, resolved once when the daemon starts, before any route exists
 * @param udpPorts WireGuard's listen port
 * @param device the WireGuard interface, whose overlay address is the one source that must use the routes
 */
public record RouteBypass(Set<String> destinations, Set<Integer> udpPorts, String device) {

    public RouteBypass {
        destinations = Set.copyOf(destinations);
        udpPorts = Set.copyOf(udpPorts);
    }

    /** Resolves {@code hosts} (names or literals); one that does not resolve is reported and left out. */
    public static RouteBypass resolve(Collection<String> hosts, int wireGuardPort, String device,
            Consumer<String> problems) {
        Set<String> addresses = new TreeSet<>();
        for (String host : hosts) {
            try {
                for (InetAddress address : InetAddress.getAllByName(host)) {
                    if (address instanceof Inet4Address) {
                        addresses.add(address.getHostAddress() + "/32");
                    }
                }
            } catch (UnknownHostException e) {
                problems.accept("routes: " + host + " did not resolve, so traffic to it is not kept out of routes: "
                        + e.getMessage());
            }
        }
        return new RouteBypass(addresses, Set.of(wireGuardPort), device);
    }

    /** This device's IPv4 addresses outside the WireGuard interface and loopback, as they are now. */
    public Set<String> sources() {
        Set<String> sources = new TreeSet<>();
        List<NetworkInterface> interfaces;
        try {
            interfaces = Collections.list(NetworkInterface.getNetworkInterfaces());
        } catch (SocketException e) {
            return sources;
        }
        for (NetworkInterface iface : interfaces) {
            if (iface.getName().equals(device)) {
                continue;
            }
            for (InetAddress address : Collections.list(iface.getInetAddresses())) {
                if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                    sources.add(address.getHostAddress());
                }
            }
        }
        return sources;
    }
}
