package io.netloom.server.scim;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The answer to a SCIM token's creation: the only time the plain token is shown. */
public record ScimTokenGenerated(
        @JsonProperty("plain_token") String plainToken,
        @JsonProperty("scim_token") ScimTokenSummary scimToken,
        @JsonProperty("scim_base_url") String scimBaseUrl) {
}
