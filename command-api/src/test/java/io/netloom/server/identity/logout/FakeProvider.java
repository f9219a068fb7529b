package io.netloom.server.identity.logout;

import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The two documents an OIDC provider publishes that logout tokens are checked against: discovery and the key set,
 * served on loopback for a server under test. Sign-in itself is the real Keycloak's job in the Keycloak tests.
 */
public final class FakeProvider implements AutoCloseable {

    private final HttpServer http;
    private final LogoutTokens tokens = LogoutTokens.withNewKey();

    private FakeProvider(HttpServer http) {
        this.http = http;
    }

    public static FakeProvider start() {
        try {
            FakeProvider provider = new FakeProvider(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
            provider.http.createContext("/realms/test/.well-known/openid-configuration",
                    exchange -> provider.answer(exchange, provider.discovery()));
            provider.http.createContext("/realms/test/keys",
                    exchange -> provider.answer(exchange, new JWKSet(provider.tokens.publicKey()).toString()));
            provider.http.start();
            return provider;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String issuer() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/realms/test";
    }

    /** Signs tokens with the key the key set publishes. */
    public LogoutTokens tokens() {
        return tokens;
    }

    private String discovery() {
        String issuer = issuer();
        return """
                {"issuer": "%1$s", "authorization_endpoint": "%1$s/auth", "token_endpoint": "%1$s/token",
                 "jwks_uri": "%1$s/keys", "userinfo_endpoint": "%1$s/userinfo",
                 "response_types_supported": ["code"], "subject_types_supported": ["public"],
                 "id_token_signing_alg_values_supported": ["RS256"],
                 "backchannel_logout_supported": true, "backchannel_logout_session_supported": true}
                """.formatted(issuer);
    }

    private void answer(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (var out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
