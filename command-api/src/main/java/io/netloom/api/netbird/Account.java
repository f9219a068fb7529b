package io.netloom.api.netbird;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * Mirrors NetBird's schema {@code Account} (response of {@code GET /api/accounts}, as a one-element array, and
 * {@code PUT /api/accounts/{accountId}}). Every property is required.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Account(
    @JsonProperty("id") String id,
    @JsonProperty("settings") AccountSettings settings,
    @JsonProperty("domain") String domain,
    @JsonProperty("domain_category") String domainCategory,
    @JsonProperty("created_at") Instant createdAt,
    @JsonProperty("created_by") String createdBy,
    @JsonProperty("onboarding") AccountOnboarding onboarding) {}
