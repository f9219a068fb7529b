package io.netloom.daemon.map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** One upstream resolver of a nameserver group, asked over UDP (docs/protocol.md §2d). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Nameserver(@JsonProperty("ip") String ip, @JsonProperty("port") int port) {
}
