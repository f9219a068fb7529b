package io.netloom.api.netbird;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Mirrors NetBird's schema {@code PersonalAccessTokenGenerated} (response of
 * {@code POST /api/users/{userId}/tokens}, the only time the plain token is shown). Both properties are required.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PersonalAccessTokenGenerated(
    @JsonProperty("plain_token") String plainToken,
    @JsonProperty("personal_access_token") PersonalAccessToken personalAccessToken) {}
