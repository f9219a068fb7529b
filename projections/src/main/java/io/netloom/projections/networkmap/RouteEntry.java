package io.netloom.projections.networkmap;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Comparator;

/**
 * A network this peer may reach through routing peer {@code peer} (docs/protocol.md §2b). Entries with equal
 * {@code networkId} and {@code network} are one highly available route; the daemon uses one at a time.
 *
 * @param id the route's id, or for a network resource the resource's id
 * @param networkId the route's {@code network_id}, or for a network resource the network's id
 */
public record RouteEntry(
        String id,
        @JsonProperty("network_id") String networkId,
        String network,
        String peer,
        int metric,
        @JsonProperty("skip_auto_apply") boolean skipAutoApply)
        implements Comparable<RouteEntry> {

    /** §2b's order, then the remaining fields so that the order agrees with equality. */
    private static final Comparator<RouteEntry> ORDER = Comparator.comparing(RouteEntry::networkId)
            .thenComparing(RouteEntry::network)
            .thenComparing(RouteEntry::id)
            .thenComparing(RouteEntry::peer)
            .thenComparingInt(RouteEntry::metric)
            .thenComparing(RouteEntry::skipAutoApply);

    @Override
    public int compareTo(RouteEntry other) {
        return ORDER.compare(this, other);
    }
}
