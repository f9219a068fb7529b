package io.netloom.daemon.map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Traffic from the overlay this device forwards, as a routing peer: from {@code source} (a client's overlay /32,
 * or a network that client serves) to {@code destination} (one of its served networks), with {@code protocol}
 * and {@code ports} as in {@link InboundRule}. Everything else arriving from the overlay for another host is
 * dropped.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ForwardRule(
        @JsonProperty("source") String source,
        @JsonProperty("destination") String destination,
        @JsonProperty("protocol") String protocol,
        @JsonProperty("ports") List<String> ports) {

    public ForwardRule {
        ports = ports == null ? List.of() : List.copyOf(ports);
    }
}
