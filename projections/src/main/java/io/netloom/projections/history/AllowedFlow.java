package io.netloom.projections.history;

import io.netloom.domain.ids.PeerId;
import java.util.List;

/**
 * Traffic one peer may start towards another: {@code protocol} ({@code all}, {@code tcp}, {@code udp}, {@code icmp})
 * to {@code ports} ({@code "22"}, {@code "8000-8100"}; empty means every port). It is exactly one inbound rule
 * in the destination's map whose source is the source peer's address.
 */
public record AllowedFlow(PeerId source, PeerId destination, String protocol, List<String> ports) {

    public AllowedFlow {
        ports = List.copyOf(ports);
    }
}
