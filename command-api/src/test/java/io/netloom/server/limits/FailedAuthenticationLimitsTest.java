package io.netloom.server.limits;

import static io.netloom.server.testing.TestData.createToken;
import static io.netloom.server.testing.TestData.createUser;
import static io.netloom.server.testing.TestData.ids;
import static io.netloom.server.testing.TestData.ok;
import static io.netloom.server.testing.TestData.serviceUser;
import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.server.axon.Commands;
import io.netloom.server.testing.NetloomApi;
import io.netloom.server.testing.SourceBoundHttp;
import io.netloom.server.testing.TestAccounts;
import io.netloom.server.testing.TestPeers;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A server allowing 3 failed attempts per source address and forgiving them over an hour, so that
 * nothing is forgiven while the test runs. Each test calls from loopback addresses of its own
 * (127.0.0.x); the admin calls from 127.0.0.1 with a valid token and is never counted.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"netloom.data-dir=target/test-server-data/${random.uuid}", "netloom.gateway.port=0",
                "netloom.gateway.host=127.0.0.1", "netloom.insecure-http=true", "netloom.limits.failed-attempts=3",
                "netloom.limits.failure-window=1h"})
class FailedAuthenticationLimitsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, String> AS_JSON = Map.of("Content-Type", "application/json");

    @LocalServerPort
    private int port;

    @Autowired
    private Commands commands;

    private NetloomApi.Client owner;
    private String setupKey;

    @BeforeEach
    void createAccount() {
        NetloomApi api = new NetloomApi(port);
        owner = new TestAccounts(commands, api).newAccount();
        setupKey = TestPeers.createReusableKey(owner, List.of());
    }

    @Test
    void enrollWhenSetupKeysGuessedTooOftenThenTooManyRequestsBeforeEvenTheRightKeyIsLookedAt() {
        SourceBoundHttp guesser = from("127.0.0.11");
        for (int i = 0; i < 3; i++) {
            assertThat(enroll(guesser, "00000000-0000-4000-8000-00000000000" + i).status()).isEqualTo(401);
        }

        SourceBoundHttp.Response refused = enroll(guesser, "00000000-0000-4000-8000-000000000009");
        SourceBoundHttp.Response rightKeyRefused = enroll(guesser, setupKey);

        assertTooManyRequests(refused);
        assertTooManyRequests(rightKeyRefused);
        assertThat(usedTimes()).as("the right key was not used").isZero();
        assertThat(enroll(from("127.0.0.12"), setupKey).status()).as("another address").isEqualTo(200);
        assertThat(usedTimes()).isEqualTo(1);
    }

    @Test
    void enrollWhenManySuccessesThenNeverThrottledAndTheyDoNotCountAsFailures() {
        SourceBoundHttp device = from("127.0.0.13");

        for (int i = 0; i < 12; i++) {
            assertThat(enroll(device, setupKey).status()).isEqualTo(200);
        }
        for (int i = 0; i < 3; i++) {
            assertThat(enroll(device, "wrong").status()).isEqualTo(401);
        }

        assertTooManyRequests(enroll(device, "wrong"));
    }

    @Test
    void enrollWhenBodyMalformedThenNotCountedAsAGuess() {
        SourceBoundHttp device = from("127.0.0.14");

        for (int i = 0; i < 6; i++) {
            assertThat(device.send("POST", "/api/netloom/enroll", AS_JSON, "{\"setup_key\": 5}").status())
                    .isEqualTo(400);
        }

        assertThat(enroll(device, setupKey).status()).isEqualTo(200);
    }

    @Test
    void tokenEndpointWhenClientSecretGuessedTooOftenThenTooManyRequestsEvenForTheRightSecret() {
        String bot = createUser(owner, serviceUser("bot", "admin"));
        String plain = createToken(owner, bot);
        String tokenId = ids(owner.get("/api/users/{userId}/tokens", bot)).get(0);
        SourceBoundHttp guesser = from("127.0.0.15");
        for (int i = 0; i < 3; i++) {
            assertThat(trade(guesser, tokenId, "nlp_wrong" + i).status()).isEqualTo(401);
        }

        assertTooManyRequests(trade(guesser, tokenId, "nlp_wrong"));
        assertTooManyRequests(trade(guesser, tokenId, plain));
        assertThat(trade(from("127.0.0.16"), tokenId, plain).status()).isEqualTo(200);
    }

    @Test
    void apiWhenCredentialsGuessedTooOftenThenTooManyRequestsEvenForAValidToken() {
        String validToken = owner.authorization();
        SourceBoundHttp guesser = from("127.0.0.17");
        assertThat(get(guesser, "/api/groups", "Token nlp_wrong1").status()).isEqualTo(401);
        assertThat(get(guesser, "/api/groups", "Bearer not.a.jwt").status()).isEqualTo(401);
        assertThat(get(guesser, "/api/users/current", "token nlp_wrong2").status()).isEqualTo(401);

        assertTooManyRequests(get(guesser, "/api/groups", "Token nlp_wrong3"));
        assertTooManyRequests(get(guesser, "/api/groups", validToken));
        assertThat(get(from("127.0.0.18"), "/api/groups", validToken).status()).isEqualTo(200);
        assertThat(enroll(guesser, setupKey).status()).as("enrollment has an allowance of its own")
                .isEqualTo(200);
    }

    @Test
    void apiWhenNoCredentialsSentThenNotCountedAsFailures() {
        SourceBoundHttp anonymous = from("127.0.0.19");

        for (int i = 0; i < 6; i++) {
            assertThat(anonymous.send("GET", "/api/groups", Map.of(), null).status()).isEqualTo(401);
        }

        assertThat(get(anonymous, "/api/groups", owner.authorization()).status()).isEqualTo(200);
    }

    @Test
    void loginWhenPasswordsGuessedTooOftenThenTooManyRequestsEvenForTheRightPassword() {
        String email = "guessed-" + System.nanoTime() + "@example.org";
        String password = ok(owner.post("/api/users", Map.of("email", email, "name", "Guessed", "role", "user",
                "auto_groups", List.of(), "is_service_user", false))).text("password");
        SourceBoundHttp guesser = from("127.0.0.20");
        for (int i = 0; i < 3; i++) {
            assertThat(login(guesser, email, "wrong password " + i).status()).isEqualTo(401);
        }

        assertTooManyRequests(login(guesser, email, "wrong password"));
        assertTooManyRequests(login(guesser, email, password));
        assertThat(login(from("127.0.0.21"), email, password).body()).contains("Choose a new password");
    }

    /** The sign-in page's form, with the session cookie and CSRF token a browser would have. */
    private static SourceBoundHttp.Response login(SourceBoundHttp from, String email, String password) {
        SourceBoundHttp.Response page = from.send("GET", "/login", Map.of(), null);
        String cookie = page.headers().get("set-cookie").split(";", 2)[0];
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(csrf.find()).isTrue();
        String form = "email=" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf="
                + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        return from.send("POST", "/login", Map.of("Cookie", cookie,
                "Content-Type", "application/x-www-form-urlencoded"), form);
    }

    private SourceBoundHttp from(String address) {
        return new SourceBoundHttp(address, port);
    }

    private static SourceBoundHttp.Response enroll(SourceBoundHttp from, String key) {
        String body = JSON.writeValueAsString(TestPeers.enrollment(key, TestPeers.newPublicKey(), "device"));
        return from.send("POST", "/api/netloom/enroll", AS_JSON, body);
    }

    private static SourceBoundHttp.Response trade(SourceBoundHttp from, String clientId, String secret) {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return from.send("POST", "/oauth2/token", Map.of("Authorization", "Basic " + basic,
                "Content-Type", "application/x-www-form-urlencoded"), "grant_type=client_credentials");
    }

    private static SourceBoundHttp.Response get(SourceBoundHttp from, String path, String authorization) {
        return from.send("GET", path, Map.of("Authorization", authorization), null);
    }

    private int usedTimes() {
        return ok(owner.get("/api/setup-keys")).body().get(0).get("used_times").asInt();
    }

    private static void assertTooManyRequests(SourceBoundHttp.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(429);
        long retryAfter = Long.parseLong(response.headers().get("retry-after"));
        assertThat(retryAfter).isBetween(1L, 3600L);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("code").asInt()).isEqualTo(429);
        assertThat(body.get("message").asString()).contains("retry in " + retryAfter + " s");
    }
}
