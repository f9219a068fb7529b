package io.netloom.daemon.login;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Redeems a grant at the issuer's token endpoint and turns the answer into a checked {@link SignIn}. */
final class TokenEndpoint {

    private final OidcHttp http;
    private final OidcProvider provider;
    private final String clientId;
    private final Clock clock;

    TokenEndpoint(OidcHttp http, OidcProvider provider, String clientId, Clock clock) {
        this.http = http;
        this.provider = provider;
        this.clientId = clientId;
        this.clock = clock;
    }

    /** The token endpoint's answer: tokens (status 200) or an OAuth error code. */
    OidcHttp.Answer redeem(Map<String, String> grant) throws LoginException {
        return http.postForm(provider.tokenEndpoint(), grant);
    }

    /**
     * The sign-in a successful answer holds. The browser flow asked for an ID token bound to its {@code nonce} and
     * requires it ({@code idTokenRequired}). The device grant does not: RFC 8628 defines none, and Netloom's own
     * server issues none for it (ADR 0019). An ID token that comes anyway (Keycloak sends one) is checked alike;
     * without one, who signed in is learnt from the enrollment answer ({@link SignIn#withPerson}).
     */
    SignIn signIn(OidcHttp.Answer tokens, String nonce, boolean idTokenRequired) throws LoginException {
        String accessToken = tokens.text("access_token");
        if (accessToken == null || !"bearer".equalsIgnoreCase(tokens.text("token_type"))) {
            throw new LoginException("the issuer answered without a bearer access token");
        }
        Instant now = clock.instant();
        String idToken = tokens.text("id_token");
        Optional<IdTokenClaims> claims = idToken == null && !idTokenRequired ? Optional.empty()
                : Optional.of(IdTokenClaims.read(idToken, provider.issuer(), clientId, nonce, now));
        Instant accessExpiresAt = now.plusSeconds(tokens.body().path("expires_in").asLong(300));
        long refreshLifetime = tokens.body().path("refresh_expires_in").asLong(0);
        Instant loginExpiresAt = tokens.text("refresh_token") != null && refreshLifetime > 0
                ? now.plusSeconds(refreshLifetime) : accessExpiresAt;
        return new SignIn(provider.issuer(), clientId, claims.map(IdTokenClaims::subject).orElse(null),
                claims.map(IdTokenClaims::email).orElse(null), claims.map(IdTokenClaims::name).orElse(null),
                claims.map(IdTokenClaims::groups).orElse(List.of()), now, accessExpiresAt, loginExpiresAt,
                accessToken, tokens.text("refresh_token"), idToken);
    }

    /** The OAuth error of a refused grant, in words (RFC 6749 5.2, RFC 8628 3.5). */
    static String refusal(OidcHttp.Answer answer) {
        String description = answer.text("error_description");
        return answer.text("error") + (description == null ? "" : ": " + description);
    }

    String clientId() {
        return clientId;
    }
}
