package io.netloom.daemon.map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Traffic a remote peer may open towards this device: from {@code source} (an overlay /32), with
 * {@code protocol} ({@code all}, {@code tcp}, {@code udp}, {@code icmp}) to {@code ports} (single
 * ports or {@code from-to} ranges; empty means every port). Everything else is dropped.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record InboundRule(
        @JsonProperty("source") String source,
        @JsonProperty("protocol") String protocol,
        @JsonProperty("ports") List<String> ports) {

    public InboundRule {
        ports = ports == null ? List.of() : List.copyOf(ports);
    }
}
