package io.netloom.projections.networkmap;

import java.util.Comparator;
import java.util.List;

/**
 * Traffic the peer accepts: from {@code source} (an overlay address, {@code /32}) with {@code protocol}
 * ({@code all}, {@code tcp}, {@code udp} or {@code icmp}) to {@code ports} ({@code "443"} or
 * {@code "8000-8100"}; empty means every port). Everything else is dropped, except replies to
 * traffic the peer started itself.
 */
public record InboundRule(String source, String protocol, List<String> ports) implements Comparable<InboundRule> {

    /** Port lists in element order, then shorter first; forward rules order their ports the same way. */
    static final Comparator<List<String>> PORTS_ORDER = (a, b) -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int order = a.get(i).compareTo(b.get(i));
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(a.size(), b.size());
    };
    private static final Comparator<InboundRule> ORDER = Comparator.comparing(InboundRule::source)
            .thenComparing(InboundRule::protocol)
            .thenComparing(InboundRule::ports, PORTS_ORDER);

    public InboundRule {
        ports = List.copyOf(ports);
    }

    @Override
    public int compareTo(InboundRule other) {
        return ORDER.compare(this, other);
    }
}
