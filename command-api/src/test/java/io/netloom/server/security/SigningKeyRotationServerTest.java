package io.netloom.server.security;

import static io.netloom.server.testing.TestData.createUser;
import static io.netloom.server.testing.TestData.error;
import static io.netloom.server.testing.TestData.ids;
import static io.netloom.server.testing.TestData.ok;
import static io.netloom.server.testing.TestData.serviceUser;
import static io.netloom.server.testing.TestData.tokenRequest;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import io.netloom.testsupport.MovableClock;
import io.netloom.server.testing.NetloomApi;
import io.netloom.server.testing.ServerTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/**
 * Key rotation on the running server, its clock moved by the test: the token endpoint, the JWKS
 * document and the API follow the keys through a rotation and the old key's retirement.
 */
@Import(SigningKeyRotationServerTest.MovableClockConfiguration.class)
class SigningKeyRotationServerTest extends ServerTest {

    @TestConfiguration
    static class MovableClockConfiguration {

        @Bean
        @Primary
        MovableClock movableClock() {
            return new MovableClock(Instant.now());
        }
    }

    @Autowired
    private MovableClock clock;

    @Autowired
    private SigningKeyRing ring;

    @Autowired
    private JwtProperties settings;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void tokensWhenKeyRotatedThenNewKidAndOldTokensValidUntilExpiryAndOldKeyUnpublishedAfter() throws Exception {
        NetloomApi.Client owner = accounts.newAccount();
        String bot = createUser(owner, serviceUser("rotation bot", "admin"));
        String secret = ok(owner.post("/api/users/{userId}/tokens", tokenRequest("rotation", 365), bot))
                .text("plain_token");
        String client = ids(owner.get("/api/users/{userId}/tokens", bot)).get(0);
        String firstKid = kid(token(client, secret));
        assertThat(jwksKids()).containsExactly(firstKid);

        clock.advance(settings.keyRotation().minusMinutes(1));
        ring.rotateIfDue();
        String beforeRotation = token(client, secret);
        assertThat(kid(beforeRotation)).isEqualTo(firstKid);

        clock.advance(Duration.ofMinutes(1));
        ring.rotateIfDue();
        String afterRotation = token(client, secret);
        String secondKid = kid(afterRotation);

        assertThat(secondKid).isNotEqualTo(firstKid);
        assertThat(jwksKids()).containsExactlyInAnyOrder(firstKid, secondKid);
        ok(api.withBearer(beforeRotation).get("/api/users/current"));
        ok(api.withBearer(afterRotation).get("/api/users/current"));

        clock.advance(Duration.ofMinutes(4));
        ok(api.withBearer(beforeRotation).get("/api/users/current"));

        // The old key stays published as long as the longest token it may have signed, a person's
        // (netloom.identity.access-token-ttl, 10 min), plus the clock skew.
        clock.advance(Duration.ofMinutes(8));
        assertThat(jwksKids()).containsExactly(secondKid);
        error(api.withBearer(beforeRotation).get("/api/users/current"), 401);
        String later = token(client, secret);
        assertThat(kid(later)).isEqualTo(secondKid);
        ok(api.withBearer(later).get("/api/users/current"));
    }

    private String token(String clientId, String secret) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(api.baseUrl() + "/oauth2/token"))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return api.json().readTree(response.body()).get("access_token").asString();
    }

    private List<String> jwksKids() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(api.baseUrl() + "/oauth2/jwks"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return api.json().readTree(response.body()).get("keys").findValuesAsString("kid");
    }

    private static String kid(String token) throws Exception {
        return SignedJWT.parse(token).getHeader().getKeyID();
    }
}
