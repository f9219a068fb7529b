package io.netloom.api.netbird;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Mirrors NetBird's schema {@code PersonalAccessTokenRequest} (body of {@code POST /api/users/{userId}/tokens}).
 * Both properties are required; {@code expires_in} is in days, 1 to 365.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record PersonalAccessTokenRequest(
    @JsonProperty("name") String name,
    @JsonProperty("expires_in") Integer expiresIn) {}
