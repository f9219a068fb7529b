package io.netloom.api.netbird;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Mirrors NetBird's schema {@code CreateSetupKeyRequest} (body of {@code POST /api/setup-keys}). Required:
 * {@code name}, {@code type} ({@code "one-off"} or {@code "reusable"}), {@code expires_in} (seconds, 86400 to
 * 31536000), {@code auto_groups}, {@code usage_limit} (0 = unlimited); optional: {@code ephemeral},
 * {@code allow_extra_dns_labels}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record CreateSetupKeyRequest(
    @JsonProperty("name") String name,
    @JsonProperty("type") String type,
    @JsonProperty("expires_in") Long expiresIn,
    @JsonProperty("auto_groups") List<String> autoGroups,
    @JsonProperty("usage_limit") Integer usageLimit,
    @JsonProperty("ephemeral") Boolean ephemeral,
    @JsonProperty("allow_extra_dns_labels") Boolean allowExtraDnsLabels) {}
