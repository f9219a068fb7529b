package io.netloom.api.netbird;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * Mirrors NetBird's schema {@code PersonalAccessToken} (token metadata, never the secret). Required:
 * {@code id}, {@code name}, {@code expiration_date}, {@code created_by}, {@code created_at};
 * {@code last_used} is optional (omitted while the token was never used).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PersonalAccessToken(
    @JsonProperty("id") String id,
    @JsonProperty("name") String name,
    @JsonProperty("expiration_date") Instant expirationDate,
    @JsonProperty("created_by") String createdBy,
    @JsonProperty("created_at") Instant createdAt,
    @JsonProperty("last_used") Instant lastUsed) {}
