package io.netloom.server.security;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/** The authorization server's clients: the CLI people sign in with, and every personal access token. */
final class SignInClients implements RegisteredClientRepository {

    private final RegisteredClient cli;
    private final RegisteredClientRepository personalAccessTokens;

    SignInClients(RegisteredClient cli, RegisteredClientRepository personalAccessTokens) {
        this.cli = cli;
        this.personalAccessTokens = personalAccessTokens;
    }

    @Override
    public void save(RegisteredClient registeredClient) {
        throw new UnsupportedOperationException("clients are the CLI and personal access tokens");
    }

    @Override
    public RegisteredClient findById(String id) {
        return cli.getId().equals(id) ? cli : personalAccessTokens.findById(id);
    }

    @Override
    public RegisteredClient findByClientId(String clientId) {
        return cli.getClientId().equals(clientId) ? cli : personalAccessTokens.findByClientId(clientId);
    }
}
