package io.netloom.daemon.login;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * A person's sign-in on this device, kept only in the state directory (mode 0600): the tokens for the
 * management server, and what the ID token says about who signed in. {@link #toString()} names no token, so a
 * sign-in can never reach a log by accident.
 *
 * @param loginExpiresAt when this sign-in ends and the person must sign in again: the refresh token's end where
 *     the issuer says it ({@code refresh_expires_in}), else the access token's
 */
public record SignIn(
        @JsonProperty("issuer") String issuer,
        @JsonProperty("client_id") String clientId,
        @JsonProperty("subject") String subject,
        @JsonProperty("email") String email,
        @JsonProperty("name") String name,
        @JsonProperty("groups") List<String> groups,
        @JsonProperty("signed_in_at") Instant signedInAt,
        @JsonProperty("access_token_expires_at") Instant accessTokenExpiresAt,
        @JsonProperty("login_expires_at") Instant loginExpiresAt,
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("refresh_token") String refreshToken,
        @JsonProperty("id_token") String idToken) {

    /** "Alice Engineer <alice@example.com>", or what of it the ID token holds. */
    @JsonIgnore
    public String who() {
        if (name != null && email != null) {
            return name + " <" + email + ">";
        }
        return name != null ? name : email != null ? email : subject;
    }

    @Override
    public String toString() {
        return "SignIn[" + who() + " at " + issuer + ", expires " + loginExpiresAt + "]";
    }
}
