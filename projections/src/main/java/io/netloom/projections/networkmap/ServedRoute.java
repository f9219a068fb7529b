package io.netloom.projections.networkmap;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Comparator;

/** A network this peer forwards to for others, as a routing peer (docs/protocol.md §2b). */
public record ServedRoute(
        String id,
        @JsonProperty("network_id") String networkId,
        String network,
        boolean masquerade)
        implements Comparable<ServedRoute> {

    /** §2b's order, then masquerade so that the order agrees with equality. */
    private static final Comparator<ServedRoute> ORDER = Comparator.comparing(ServedRoute::networkId)
            .thenComparing(ServedRoute::network)
            .thenComparing(ServedRoute::id)
            .thenComparing(ServedRoute::masquerade);

    @Override
    public int compareTo(ServedRoute other) {
        return ORDER.compare(this, other);
    }
}
