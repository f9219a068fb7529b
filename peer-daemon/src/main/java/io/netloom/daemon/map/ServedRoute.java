package io.netloom.daemon.map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A network this device forwards to for other peers (docs/protocol.md, section 2b). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ServedRoute(
        @JsonProperty("id") String id,
        @JsonProperty("network_id") String networkId,
        @JsonProperty("network") String network,
        @JsonProperty("masquerade") boolean masquerade) {
}
