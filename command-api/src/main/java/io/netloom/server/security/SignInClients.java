package io.netloom.server.security;

import java.util.List;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * The authorization server's clients: the ones people sign in with (the CLI and the web console), and every
 * personal access token.
 */
final class SignInClients implements RegisteredClientRepository {

    private final List<RegisteredClient> signInClients;
    private final RegisteredClientRepository personalAccessTokens;

    SignInClients(List<RegisteredClient> signInClients, RegisteredClientRepository personalAccessTokens) {
        this.signInClients = List.copyOf(signInClients);
        this.personalAccessTokens = personalAccessTokens;
    }

    @Override
    public void save(RegisteredClient registeredClient) {
        throw new UnsupportedOperationException("clients are the CLI, the console and personal access tokens");
    }

    @Override
    public RegisteredClient findById(String id) {
        return signInClients.stream().filter(client -> client.getId().equals(id)).findFirst()
                .orElseGet(() -> personalAccessTokens.findById(id));
    }

    @Override
    public RegisteredClient findByClientId(String clientId) {
        return signInClients.stream().filter(client -> client.getClientId().equals(clientId)).findFirst()
                .orElseGet(() -> personalAccessTokens.findByClientId(clientId));
    }
}
