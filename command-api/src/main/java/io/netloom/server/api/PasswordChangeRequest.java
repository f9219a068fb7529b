package io.netloom.server.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Mirrors NetBird's schema {@code PasswordChangeRequest} (body of {@code PUT /api/users/{userId}/password}). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PasswordChangeRequest(
        @JsonProperty("old_password") String oldPassword,
        @JsonProperty("new_password") String newPassword) {
}
