package io.netloom.api.netbird;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Mirrors NetBird's schema {@code SetupKeyRequest} (body of {@code PUT /api/setup-keys/{keyId}}). Both
 * properties are required: a setup key can only be revoked or have its auto-groups changed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record SetupKeyRequest(
    @JsonProperty("revoked") Boolean revoked,
    @JsonProperty("auto_groups") List<String> autoGroups) {}
