package io.netloom.domain.dns;

import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.common.IpLiterals;

/**
 * One upstream resolver of a nameserver group, asked over UDP (NetBird's only {@code ns_type}).
 *
 * @param ip an IPv4 or IPv6 address, never a name: a resolver cannot be found by asking a resolver
 */
public record Nameserver(String ip, int port) {

    public static final int DEFAULT_PORT = 53;

    public Nameserver {
        ip = IpLiterals.requireIp(ip, "nameserver ip");
        if (port < 1 || port > 65535) {
            throw CommandRejectedException.invalid("nameserver port must be between 1 and 65535, got " + port);
        }
    }
}
