package io.netloom.server.scim;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Body of {@code POST /api/netloom/scim-tokens}.
 *
 * @param expiresIn days until the token expires, 1 to 3650; absent for a token that lasts until it is revoked
 * @param identityProvider the id of the upstream provider (netloom.identity.providers.&lt;id&gt;) whose subjects the
 *        client sends as externalId, so that a provisioned person's first sign-in finds their user; optional
 */
public record ScimTokenRequest(
        @JsonProperty("name") String name,
        @JsonProperty("expires_in") Integer expiresIn,
        @JsonProperty("identity_provider") String identityProvider) {
}
