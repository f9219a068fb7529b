package io.netloom.server.scim;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** A SCIM token as listed: never the token, which only its creation answer shows. */
public record ScimTokenSummary(
        @JsonProperty("id") String id,
        @JsonProperty("name") String name,
        @JsonProperty("identity_provider") String identityProvider,
        @JsonProperty("created_by") String createdBy,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("expires_at") Instant expiresAt) {
}
