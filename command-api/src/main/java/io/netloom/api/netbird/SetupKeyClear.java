package io.netloom.api.netbird;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * Mirrors NetBird's schema {@code SetupKeyClear} ({@code SetupKeyBase} with the key in plain text; response of
 * {@code POST /api/setup-keys}, the only time the key is shown).
 * Every property is required: {@code last_used} is {@link NetbirdTimes#ZERO} for a never used key;
 * {@code type} is {@code "one-off"} or {@code "reusable"}; {@code state} is {@code "valid"}, {@code "overused"},
 * {@code "expired"} or {@code "revoked"}; {@code usage_limit} 0 means unlimited; {@code key} is the plain key.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SetupKeyClear(
    @JsonProperty("id") String id,
    @JsonProperty("key") String key,
    @JsonProperty("name") String name,
    @JsonProperty("expires") Instant expires,
    @JsonProperty("type") String type,
    @JsonProperty("valid") boolean valid,
    @JsonProperty("revoked") boolean revoked,
    @JsonProperty("used_times") int usedTimes,
    @JsonProperty("last_used") Instant lastUsed,
    @JsonProperty("state") String state,
    @JsonProperty("auto_groups") List<String> autoGroups,
    @JsonProperty("updated_at") Instant updatedAt,
    @JsonProperty("usage_limit") int usageLimit,
    @JsonProperty("ephemeral") boolean ephemeral,
    @JsonProperty("allow_extra_dns_labels") boolean allowExtraDnsLabels) {}
