package io.netloom.server.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Body of {@code PUT /api/netloom/users/{userId}/password}: a password for the embedded user store;
 * {@code change_required} (default {@code true}) makes the person replace it at the next sign-in.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LocalPasswordRequest(
        @JsonProperty("password") String password,
        @JsonProperty("change_required") Boolean changeRequired) {
}
