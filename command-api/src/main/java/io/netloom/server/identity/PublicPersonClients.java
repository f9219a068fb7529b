package io.netloom.server.identity;

import java.time.Instant;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * What Netloom's own clients that sign people in have in common (the CLI, the console): public (a device or a
 * browser keeps no secret), PKCE required, no consent screen (the person signs in to Netloom itself), the OpenID
 * scopes, and access tokens as JWTs that live {@code netloom.identity.access-token-ttl}, without refresh tokens.
 */
final class PublicPersonClients {

    private PublicPersonClients() {
    }

    static RegisteredClient.Builder named(String clientId, String clientName) {
        return RegisteredClient.withId(clientId)
                .clientId(clientId)
                .clientIdIssuedAt(Instant.EPOCH)
                .clientName(clientName)
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .scope("openid")
                .scope("profile")
                .scope("email")
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false)
                        .build());
    }

    static TokenSettings.Builder tokens(IdentityProperties identity) {
        return TokenSettings.builder()
                .accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
                .accessTokenTimeToLive(identity.accessTokenTtl());
    }
}
