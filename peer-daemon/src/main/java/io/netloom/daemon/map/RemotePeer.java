package io.netloom.daemon.map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A peer this device may talk to, as the gateway describes it. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RemotePeer(
        @JsonProperty("id") String id,
        @JsonProperty("public_key") String publicKey,
        @JsonProperty("allowed_ip") String allowedIp,
        @JsonProperty("fqdn") String fqdn,
        @JsonProperty("connected") boolean connected) {
}
