package io.netloom.projections.history;

import io.netloom.domain.ids.PeerId;
import java.util.List;

/**
 * Traffic a peer may send to a network through a routing peer: a {@code routes} entry in {@code source}'s map for
 * {@code network} via {@code router}, and a forward rule in {@code router}'s map from {@code source}'s address to
 * that network with {@code protocol} and {@code ports} (docs/protocol.md §2b).
 */
public record RoutedFlow(PeerId source, String network, PeerId router, String protocol, List<String> ports) {

    public RoutedFlow {
        ports = List.copyOf(ports);
    }
}
