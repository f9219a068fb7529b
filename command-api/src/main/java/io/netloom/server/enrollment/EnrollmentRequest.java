package io.netloom.server.enrollment;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** What a daemon sends to join: a setup key, its WireGuard public key and what it is. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EnrollmentRequest(
        @JsonProperty("setup_key") String setupKey,
        @JsonProperty("wireguard_public_key") String wireguardPublicKey,
        @JsonProperty("hostname") String hostname,
        @JsonProperty("os") String os,
        @JsonProperty("kernel_version") String kernelVersion,
        @JsonProperty("daemon_version") String daemonVersion) {
}
