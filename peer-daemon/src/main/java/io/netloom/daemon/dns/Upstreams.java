package io.netloom.daemon.dns;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * Resolvers a name is forwarded to, asked in turn until one answers.
 *
 * @param label what they are, for status and logs: a nameserver group's name, or {@link #SYSTEM}
 */
public record Upstreams(String label, List<InetSocketAddress> servers) {

    /** The label of the resolvers the system had before the daemon took over its DNS. */
    public static final String SYSTEM = "system";

    public Upstreams {
        servers = List.copyOf(servers);
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("upstreams '" + label + "' without a server");
        }
    }
}
