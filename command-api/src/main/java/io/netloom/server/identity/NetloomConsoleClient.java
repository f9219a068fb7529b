package io.netloom.server.identity;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * The web console as an OAuth client: a page served by this server, so public (a browser keeps no secret) and
 * signing people in with the authorization code grant and PKCE (S256 only), redirected back to the console itself,
 * the issuer's root. It gets no refresh token: the page holds its access token in memory only, and a person whose
 * token expires signs in again, which their session at the issuer usually makes a redirect without a form.
 */
public final class NetloomConsoleClient {

    public static final String CLIENT_ID = "netloom-console";

    private NetloomConsoleClient() {
    }

    /** @param issuer the issuer URL, without a trailing slash: the console is served at its root */
    public static RegisteredClient of(IdentityProperties identity, String issuer) {
        String console = issuer + "/";
        return PublicPersonClients.named(CLIENT_ID, "Netloom console")
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri(console)
                .postLogoutRedirectUri(console)
                .tokenSettings(PublicPersonClients.tokens(identity).build())
                .build();
    }
}
