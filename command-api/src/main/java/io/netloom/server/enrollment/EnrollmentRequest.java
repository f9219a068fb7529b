package io.netloom.server.enrollment;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What a daemon sends to join: a setup key, its WireGuard public key and what it is.
 *
 * @param extraDnsLabels the extra DNS labels the device asks for (ADR 0046): all of them, an empty list clears them;
 *     absent (a daemon from before them) leaves an enrolled peer's as they are
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EnrollmentRequest(
        @JsonProperty("setup_key") String setupKey,
        @JsonProperty("wireguard_public_key") String wireguardPublicKey,
        @JsonProperty("hostname") String hostname,
        @JsonProperty("os") String os,
        @JsonProperty("kernel_version") String kernelVersion,
        @JsonProperty("daemon_version") String daemonVersion,
        @JsonProperty("extra_dns_labels") List<String> extraDnsLabels) {
}
