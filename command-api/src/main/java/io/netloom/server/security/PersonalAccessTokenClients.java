package io.netloom.server.security;

import io.netloom.domain.ids.TokenId;
import io.netloom.projections.directory.Directory;
import io.netloom.projections.directory.TokenView;
import java.time.Clock;
import java.time.Duration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * Every personal access token doubles as an OAuth2 client: client id = token id, client secret =
 * the token. A script can so trade its long-lived token for a short-lived JWT (client_credentials)
 * and send only that over the wire. The secret is checked against the stored hash.
 */
final class PersonalAccessTokenClients implements RegisteredClientRepository {

    static final Duration ACCESS_TOKEN_TTL = Duration.ofMinutes(5);

    private final Directory directory;
    private final Clock clock;

    PersonalAccessTokenClients(Directory directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    @Override
    public void save(RegisteredClient registeredClient) {
        throw new UnsupportedOperationException("clients are personal access tokens; create one through /api/users");
    }

    @Override
    public RegisteredClient findById(String id) {
        return findByClientId(id);
    }

    @Override
    public RegisteredClient findByClientId(String clientId) {
        TokenId tokenId;
        try {
            tokenId = new TokenId(clientId);
        } catch (RuntimeException malformed) {
            return null;
        }
        // A blocked or deleted user's token must not be traded for a JWT either.
        return directory.tokenById(tokenId)
                .filter(token -> directory.user(token.userId()).filter(user -> !user.blocked()).isPresent())
                .map(this::toClient)
                .orElse(null);
    }

    private RegisteredClient toClient(TokenView token) {
        return RegisteredClient.withId(token.id().value())
                .clientId(token.id().value())
                .clientSecret(token.hash())
                .clientIdIssuedAt(token.createdAt())
                .clientSecretExpiresAt(token.expiresAt())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(ttlFor(token)).build())
                .build();
    }

    private Duration ttlFor(TokenView token) {
        Duration untilExpiry = Duration.between(clock.instant(), token.expiresAt());
        return untilExpiry.compareTo(ACCESS_TOKEN_TTL) < 0 && !untilExpiry.isNegative() ? untilExpiry : ACCESS_TOKEN_TTL;
    }
}
