package io.netloom.api.netbird;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Mirrors NetBird's schema {@code AccountRequest} (body of {@code PUT /api/accounts/{accountId}}).
 * Required: {@code settings}; {@code onboarding} is optional.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record AccountRequest(
    @JsonProperty("settings") AccountSettings settings,
    @JsonProperty("onboarding") AccountOnboarding onboarding) {}
