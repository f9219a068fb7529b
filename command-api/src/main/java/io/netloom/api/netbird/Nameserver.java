package io.netloom.api.netbird;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Mirrors NetBird's schema {@code Nameserver}, inside nameserver groups in requests and responses. Required:
 * {@code ip}, {@code ns_type} (only {@code "udp"}), {@code port}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Nameserver(
    @JsonProperty("ip") String ip,
    @JsonProperty("ns_type") String nsType,
    @JsonProperty("port") Integer port) {

  public static final String UDP = "udp";
}
