package io.netloom.daemon.login;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * A person's sign-in on this device, kept only in the state directory (mode 0600): the tokens for the
 * management server, and who signed in: what the ID token says, or, when the issuer sent none (the device
 * grant at Netloom's own server), what the server's enrollment answer says ({@link #withPerson}).
 * {@link #toString()} names no token, so a sign-in can never reach a log by accident.
 *
 * @param subject the person's identifier at the issuer, or their Netloom user id when the enrollment answer told
 *     who signed in; null until one of them did
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

    /** This sign-in, now knowing who signed in. */
    public SignIn withPerson(String personSubject, String personEmail, String personName) {
        return new SignIn(issuer, clientId, personSubject, personEmail, personName, groups, signedInAt,
                accessTokenExpiresAt, loginExpiresAt, accessToken, refreshToken, idToken);
    }

    /** Whether this sign-in knows who signed in (an ID token or the enrollment answer said it). */
    @JsonIgnore
    public boolean knowsWho() {
        return subject != null;
    }

    /** "Alice Engineer <alice@example.com>", or what of it is known. */
    @JsonIgnore
    public String who() {
        if (name != null && email != null) {
            return name + " <" + email + ">";
        }
        return name != null ? name : email != null ? email : subject != null ? subject : "someone at " + issuer;
    }

    @Override
    public String toString() {
        return "SignIn[" + who() + " at " + issuer + ", expires " + loginExpiresAt + "]";
    }
}
