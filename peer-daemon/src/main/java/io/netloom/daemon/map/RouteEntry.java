package io.netloom.daemon.map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A network this device may reach through routing peer {@code peer} (docs/protocol.md, section 2b). Entries with
 * the same {@code networkId} and {@code network} are one highly available route: the device uses one at a time.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RouteEntry(
        @JsonProperty("id") String id,
        @JsonProperty("network_id") String networkId,
        @JsonProperty("network") String network,
        @JsonProperty("peer") String peer,
        @JsonProperty("metric") int metric,
        @JsonProperty("skip_auto_apply") boolean skipAutoApply) {

    /** The highly available route this entry is one routing peer of. */
    public RouteKey key() {
        return new RouteKey(networkId, network);
    }
}
