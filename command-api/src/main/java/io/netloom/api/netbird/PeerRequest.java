package io.netloom.api.netbird;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Mirrors NetBird's schema {@code PeerRequest} (body of {@code PUT /api/peers/{peerId}}). Required:
 * {@code name}, {@code ssh_enabled}, {@code login_expiration_enabled}, {@code inactivity_expiration_enabled};
 * optional: {@code approval_required} (cloud only) and {@code ip} (a new IPv4 overlay address).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record PeerRequest(
    @JsonProperty("name") String name,
    @JsonProperty("ssh_enabled") Boolean sshEnabled,
    @JsonProperty("login_expiration_enabled") Boolean loginExpirationEnabled,
    @JsonProperty("inactivity_expiration_enabled") Boolean inactivityExpirationEnabled,
    @JsonProperty("approval_required") Boolean approvalRequired,
    @JsonProperty("ip") String ip) {}
