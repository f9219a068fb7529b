package io.netloom.server.identity;

import java.time.Instant;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

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
        return RegisteredClient.withId(CLIENT_ID)
                .clientId(CLIENT_ID)
                .clientIdIssuedAt(Instant.EPOCH)
                .clientName("Netloom console")
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri(console)
                .postLogoutRedirectUri(console)
                .scope("openid")
                .scope("profile")
                .scope("email")
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
                .tokenSettings(TokenSettings.builder()
                        .accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
                        .accessTokenTimeToLive(identity.accessTokenTtl())
                        .build())
                .build();
    }
}
