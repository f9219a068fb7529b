package io.netloom.server.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * How people sign in to an account, as its owners, admins and auditors may see it: the embedded user store and the
 * upstream providers whose people join the account. Built from the server's configuration; it never holds a client
 * secret (neither the providers' nor the directory syncs').
 */
public record IdentitySettings(
        @JsonProperty("embedded_user_store") EmbeddedUserStore embeddedUserStore,
        @JsonProperty("providers") List<Provider> providers) {

    /**
     * The server's own email-and-password sign-in.
     *
     * @param enabled always true: no setting switches the store off, the sign-in page always offers it
     */
    public record EmbeddedUserStore(
            @Schema(description = "always true: no setting switches the embedded user store off")
            @JsonProperty("enabled") boolean enabled,
            @Schema(description = "netloom.identity.min-password-length")
            @JsonProperty("min_password_length") int minPasswordLength) {
    }

    /** One upstream OIDC provider ({@code netloom.identity.providers.<id>}), without its client secret. */
    public record Provider(
            @JsonProperty("id") String id,
            @JsonProperty("display_name") String displayName,
            @JsonProperty("issuer") String issuer,
            @Schema(description = "the OAuth client Netloom signs people in as; not a secret (RFC 6749 section 2.2),"
                    + " shown as NetBird shows it")
            @JsonProperty("client_id") String clientId,
            @JsonProperty("scopes") List<String> scopes,
            @Schema(description = "the ID token claim that identifies a person")
            @JsonProperty("user_claim") String userClaim,
            @Schema(description = "the ID token claim read for the person's groups")
            @JsonProperty("groups_claim") String groupsClaim,
            @Schema(description = "whether sign-ins through the provider set people's groups from groups_claim: the"
                    + " account's jwt_groups_enabled with a jwt_groups_claim_name")
            @JsonProperty("groups_from_provider") boolean groupsFromProvider,
            @Schema(description = "true: netloom.identity.providers.<id>.account-id names this account; false: the"
                    + " provider serves this account because it is the server's only one, and serves nobody once"
                    + " a second account exists")
            @JsonProperty("account_configured") boolean accountConfigured,
            @Schema(description = "the redirect URI to register at the provider")
            @JsonProperty("redirect_uri") String redirectUri,
            @Schema(description = "the OIDC back-channel logout URL to register at the provider; every provider"
                    + " may use it")
            @JsonProperty("backchannel_logout_uri") String backchannelLogoutUri,
            @Schema(description = "the provider's directory sync, null when it has none", nullable = true)
            @JsonProperty("directory_sync") DirectorySync directorySync) {
    }

    /** A provider's periodic directory read ({@code netloom.identity.providers.<id>.directory-sync}), no secret. */
    public record DirectorySync(
            @Schema(allowableValues = "keycloak")
            @JsonProperty("type") String type,
            @JsonProperty("server_url") String serverUrl,
            @JsonProperty("realm") String realm,
            @Schema(description = "the confidential client whose service account reads the directory")
            @JsonProperty("client_id") String clientId,
            @Schema(description = "seconds from the end of one run to the start of the next")
            @JsonProperty("interval_seconds") long intervalSeconds) {
    }
}
