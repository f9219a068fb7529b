package io.netloom.projections.networkmap;

import java.util.Comparator;
import java.util.List;

/**
 * Traffic from the overlay a routing peer forwards (docs/protocol.md §2b): from {@code source} (a client's
 * overlay {@code /32}, or a network that client serves itself) to {@code destination} (one of the routing
 * peer's served networks), with {@code protocol} and {@code ports} as in {@link InboundRule}.
 */
public record ForwardRule(String source, String destination, String protocol, List<String> ports)
        implements Comparable<ForwardRule> {

    private static final Comparator<ForwardRule> ORDER = Comparator.comparing(ForwardRule::source)
            .thenComparing(ForwardRule::destination)
            .thenComparing(ForwardRule::protocol)
            .thenComparing(ForwardRule::ports, InboundRule.PORTS_ORDER);

    public ForwardRule {
        ports = List.copyOf(ports);
    }

    @Override
    public int compareTo(ForwardRule other) {
        return ORDER.compare(this, other);
    }
}
