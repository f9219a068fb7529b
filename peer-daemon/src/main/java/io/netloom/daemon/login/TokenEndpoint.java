package io.netloom.daemon.login;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

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

    SignIn signIn(OidcHttp.Answer tokens, String nonce) throws LoginException {
        String accessToken = tokens.text("access_token");
        if (accessToken == null || !"bearer".equalsIgnoreCase(tokens.text("token_type"))) {
            throw new LoginException("the issuer answered without a bearer access token");
        }
        Instant now = clock.instant();
        IdTokenClaims claims = IdTokenClaims.read(tokens.text("id_token"), provider.issuer(), clientId, nonce, now);
        Instant accessExpiresAt = now.plusSeconds(tokens.body().path("expires_in").asLong(300));
        long refreshLifetime = tokens.body().path("refresh_expires_in").asLong(0);
        Instant loginExpiresAt = tokens.text("refresh_token") != null && refreshLifetime > 0
                ? now.plusSeconds(refreshLifetime) : accessExpiresAt;
        return new SignIn(provider.issuer(), clientId, claims.subject(), claims.email(), claims.name(),
                claims.groups(), now, accessExpiresAt, loginExpiresAt, accessToken, tokens.text("refresh_token"),
                tokens.text("id_token"));
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
