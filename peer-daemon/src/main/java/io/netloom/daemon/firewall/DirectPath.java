package io.netloom.daemon.firewall;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A path whose WireGuard datagrams the kernel steers: ICE's socket on {@code local} talks to {@code remote}, the
 * other peer's socket or its TURN relay.
 * IPv4 only, like the candidates the daemon gathers.
 */
public record DirectPath(InetSocketAddress local, InetSocketAddress remote) {

    public DirectPath {
        requireIpV4(Objects.requireNonNull(local, "local"), "local");
        requireIpV4(Objects.requireNonNull(remote, "remote"), "remote");
    }

    private static void requireIpV4(InetSocketAddress address, String role) {
        if (address.isUnresolved() || !(address.getAddress() instanceof Inet4Address) || address.getPort() == 0) {
            throw new IllegalArgumentException("the " + role + " end " + address + " is not an IPv4 address and port");
        }
    }

    String localIp() {
        return local.getAddress().getHostAddress();
    }

    String remoteIp() {
        return remote.getAddress().getHostAddress();
    }
}
