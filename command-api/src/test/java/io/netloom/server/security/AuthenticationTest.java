package io.netloom.server.security;

import static io.netloom.server.testing.TestData.createToken;
import static io.netloom.server.testing.TestData.createUser;
import static io.netloom.server.testing.TestData.error;
import static io.netloom.server.testing.TestData.ids;
import static io.netloom.server.testing.TestData.ok;
import static io.netloom.server.testing.TestData.serviceUser;
import static io.netloom.server.testing.TestData.userUpdate;
import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.server.testing.NetloomApi;
import io.netloom.server.testing.ServerTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AuthenticationTest extends ServerTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void apiWhenNoAuthorizationHeaderThenUnauthorizedWithJsonError() {
        for (String path : List.of("/api/peers", "/api/users/current", "/api/accounts", "/api/events/audit")) {
            NetloomApi.Response response = api.anonymous().get(path);

            error(response, 401);
            assertThat(response.body().get("message").asString()).contains("Token");
        }
        error(api.anonymous().post("/api/groups", Map.of("name", "anonymous")), 401);
    }

    @Test
    void apiWhenTokenUnknownOrMalformedThenUnauthorized() {
        NetloomApi.Client owner = accounts.newAccount();
        String valid = owner.authorization().substring("Token ".length());

        for (String token : List.of("nlp_" + "x".repeat(36), "garbage", "", " ", valid + "x", valid.substring(1),
                valid.toUpperCase(), "nlp_" + "a".repeat(4_000))) {
            error(api.as(token).get("/api/users/current"), 401);
        }
        error(api.as("garbage").post("/api/groups", Map.of("name", "sneaky")), 401);
        assertThat(ok(owner.get("/api/groups")).body()).hasSize(1);
    }

    @Test
    void apiWhenBearerIsNotAJwtThenUnauthorized() {
        for (String jwt : List.of("garbage", "a.b.c", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.")) {
            error(api.withBearer(jwt).get("/api/users/current"), 401);
        }
    }

    @Test
    void apiWhenUnknownAuthorizationSchemeThenUnauthorized() {
        NetloomApi.Client owner = accounts.newAccount();
        String token = owner.authorization().substring("Token ".length());

        NetloomApi.Response basic = send(HttpRequest.newBuilder(URI.create(api.baseUrl() + "/api/users/current"))
                .header("Authorization", "Basic " + base64(token + ":x")).GET());

        assertThat(basic.status()).isEqualTo(401);
    }

    @Test
    void jwtWhenObtainedWithTokenAsClientCredentialsThenItAuthenticatesAsTheSameUser() {
        NetloomApi.Client owner = accounts.newAccount();
        String bot = createUser(owner, serviceUser("bot", "admin"));
        String plain = createToken(owner, bot);
        String tokenId = ids(owner.get("/api/users/{userId}/tokens", bot)).get(0);

        NetloomApi.Response issued = tokenRequest(tokenId, plain);

        assertThat(issued.status()).as(issued.rawBody()).isEqualTo(200);
        assertThat(issued.text("token_type")).isEqualToIgnoringCase("Bearer");
        assertThat(issued.body().get("expires_in").asInt()).isPositive();
        String jwt = issued.text("access_token");
        JsonNode claims = claims(jwt);
        assertThat(claims.get("sub").asString()).isEqualTo(bot);
        NetloomApi.Client bearer = api.withBearer(jwt);
        JsonNode current = ok(bearer.get("/api/users/current")).body();
        assertThat(current.get("id").asString()).isEqualTo(bot);
        assertThat(current.get("role").asString()).isEqualTo("admin");
        ok(bearer.post("/api/groups", Map.of("name", "made with a jwt")));
        assertThat(ok(owner.get("/api/groups")).body()).hasSize(2);
    }

    @Test
    void jwtWhenUserBlockedAfterIssueThenRefused() {
        NetloomApi.Client owner = accounts.newAccount();
        String bot = createUser(owner, serviceUser("bot", "admin"));
        String plain = createToken(owner, bot);
        String jwt = tokenRequest(ids(owner.get("/api/users/{userId}/tokens", bot)).get(0), plain).text("access_token");
        ok(api.withBearer(jwt).get("/api/users/current"));

        ok(owner.put("/api/users/{userId}", userUpdate("admin", true), bot));

        error(api.withBearer(jwt).get("/api/users/current"), 401);
        error(api.withBearer(jwt).post("/api/groups", Map.of("name", "blocked")), 401);
        assertThat(ok(owner.get("/api/groups")).body()).hasSize(1);
    }

    @Test
    void jwtWhenUserDeletedAfterIssueThenRefused() {
        NetloomApi.Client owner = accounts.newAccount();
        String bot = createUser(owner, serviceUser("bot", "admin"));
        String plain = createToken(owner, bot);
        String jwt = tokenRequest(ids(owner.get("/api/users/{userId}/tokens", bot)).get(0), plain).text("access_token");

        ok(owner.delete("/api/users/{userId}", bot));

        error(api.withBearer(jwt).get("/api/users/current"), 401);
    }

    @Test
    void jwtWhenItsPersonalAccessTokenDeletedThenRefused() {
        NetloomApi.Client owner = accounts.newAccount();
        String bot = createUser(owner, serviceUser("bot", "admin"));
        String plain = createToken(owner, bot);
        String tokenId = ids(owner.get("/api/users/{userId}/tokens", bot)).get(0);
        String jwt = tokenRequest(tokenId, plain).text("access_token");
        ok(api.withBearer(jwt).get("/api/users/current"));

        ok(owner.delete("/api/users/{userId}/tokens/{tokenId}", bot, tokenId));

        error(api.withBearer(jwt).get("/api/users/current"), 401);
    }

    @Test
    void jwtWhenTamperedThenRefused() {
        NetloomApi.Client owner = accounts.newAccount();
        String bot = createUser(owner, serviceUser("bot", "admin"));
        String plain = createToken(owner, bot);
        String jwt = tokenRequest(ids(owner.get("/api/users/{userId}/tokens", bot)).get(0), plain).text("access_token");
        String[] parts = jwt.split("\\.");
        String ownerId = ok(owner.get("/api/users/current")).text("id");
        String forgedClaims = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace(bot, ownerId).getBytes(StandardCharsets.UTF_8));

        error(api.withBearer(parts[0] + "." + forgedClaims + "." + parts[2]).get("/api/users/current"), 401);
        error(api.withBearer(parts[0] + "." + parts[1] + ".").get("/api/users/current"), 401);
    }

    @Test
    void tokenEndpointWhenSecretWrongOrClientUnknownThenUnauthorized() {
        NetloomApi.Client owner = accounts.newAccount();
        String bot = createUser(owner, serviceUser("bot", "admin"));
        String plain = createToken(owner, bot);
        String tokenId = ids(owner.get("/api/users/{userId}/tokens", bot)).get(0);
        String otherPlain = createToken(owner, bot);

        assertThat(tokenRequest(tokenId, plain + "x").status()).isEqualTo(401);
        assertThat(tokenRequest(tokenId, otherPlain).status()).isEqualTo(401);
        assertThat(tokenRequest("00000000-0000-4000-8000-000000000000", plain).status()).isEqualTo(401);
        assertThat(tokenRequest("not a token id", plain).status()).isEqualTo(401);
        // An empty secret is a malformed request rather than a wrong one (RFC 6749 invalid_request).
        NetloomApi.Response empty = tokenRequest(tokenId, "");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.rawBody()).doesNotContain("access_token");
    }

    @Test
    void tokenEndpointWhenUserBlockedThenNoJwtIsIssued() {
        NetloomApi.Client owner = accounts.newAccount();
        String bot = createUser(owner, serviceUser("bot", "admin"));
        String plain = createToken(owner, bot);
        String tokenId = ids(owner.get("/api/users/{userId}/tokens", bot)).get(0);
        ok(owner.put("/api/users/{userId}", userUpdate("admin", true), bot));

        NetloomApi.Response refused = tokenRequest(tokenId, plain);

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.rawBody()).doesNotContain("access_token");
        ok(owner.put("/api/users/{userId}", userUpdate("admin", false), bot));
        assertThat(tokenRequest(tokenId, plain).status()).isEqualTo(200);
    }

    @Test
    void tokenEndpointWhenTokenDeletedThenUnauthorized() {
        NetloomApi.Client owner = accounts.newAccount();
        String bot = createUser(owner, serviceUser("bot", "admin"));
        String plain = createToken(owner, bot);
        String tokenId = ids(owner.get("/api/users/{userId}/tokens", bot)).get(0);

        ok(owner.delete("/api/users/{userId}/tokens/{tokenId}", bot, tokenId));

        assertThat(tokenRequest(tokenId, plain).status()).isEqualTo(401);
    }

    @Test
    void discoveryWhenAnonymousThenPublicAndNamesTheTokenEndpoint() {
        NetloomApi.Response discovery = send(HttpRequest.newBuilder(
                URI.create(api.baseUrl() + "/.well-known/openid-configuration")).GET());

        assertThat(discovery.status()).isEqualTo(200);
        assertThat(discovery.text("token_endpoint")).endsWith("/oauth2/token");
        assertThat(discovery.text("jwks_uri")).endsWith("/oauth2/jwks");
        // The document names the configured issuer's URLs, not this test's random port.
        NetloomApi.Response keys = send(HttpRequest.newBuilder(URI.create(api.baseUrl() + "/oauth2/jwks")).GET());
        assertThat(keys.status()).isEqualTo(200);
        assertThat(keys.body().get("keys")).isNotEmpty();
        assertThat(keys.rawBody()).doesNotContain("\"d\"");
    }

    @Test
    void pathsOutsideTheApiWhenRequestedThenNotFoundAsJson() {
        NetloomApi.Client owner = accounts.newAccount();

        for (String path : List.of("/actuator", "/actuator/health", "/index.html", "/error", "/api",
                "/api/nothing-here", "/signup")) {
            NetloomApi.Response anonymous = api.anonymous().get(path);
            assertThat(anonymous.status()).as(path).isIn(401, 404);
            if (!path.startsWith("/api")) {
                error(anonymous, 404);
                error(owner.get(path), 404);
            }
        }
        error(owner.get("/api/nothing-here"), 404);
    }

    private NetloomApi.Response tokenRequest(String clientId, String secret) {
        return send(HttpRequest.newBuilder(URI.create(api.baseUrl() + "/oauth2/token"))
                .header("Authorization", "Basic " + base64(clientId + ":" + secret))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")));
    }

    private JsonNode claims(String jwt) {
        return api.json().readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    private NetloomApi.Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("never a server error").isLessThan(500);
            JsonNode body = null;
            try {
                body = response.body().isBlank() ? null : api.json().readTree(response.body());
            } catch (RuntimeException notJson) {
                body = null;
            }
            return new NetloomApi.Response(response.statusCode(), response.body(), body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
