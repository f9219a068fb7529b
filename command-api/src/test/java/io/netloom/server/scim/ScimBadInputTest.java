package io.netloom.server.scim;

import static io.netloom.server.scim.ScimHttp.ok;
import static io.netloom.server.scim.ScimHttp.scimError;
import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.domain.account.CreateScimTokenCommand;
import io.netloom.domain.ids.TokenId;
import io.netloom.domain.ids.UserId;
import io.netloom.server.axon.Initiator;
import io.netloom.server.security.SecretTokens;
import io.netloom.server.testing.TestData;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** Issue 12's bad input: each answered with SCIM's error and its status, and each changes nothing. */
class ScimBadInputTest extends ScimServerTest {

    @Test
    void postWhenJsonMalformedThenInvalidSyntaxAndNothingCreated() {
        ScimAccount account = newScimAccount();
        int history = historySize(account);

        scimError(account.scim().send("POST", "/scim/v2/Users", ScimHttp.SCIM_JSON, "{\"userName\": "), 400,
                "invalidSyntax");
        scimError(account.scim().send("POST", "/scim/v2/Users", ScimHttp.SCIM_JSON,
                "{\"schemas\":[\"" + USER_SCHEMA + "\"],\"userName\":\"a@example.com\","
                        + "\"userName\":\"b@example.com\"}"),
                400, "invalidSyntax");
        scimError(account.scim().send("PATCH", "/scim/v2/Groups/x", ScimHttp.SCIM_JSON, "[]"), 400, "invalidSyntax");

        assertThat(historySize(account)).isEqualTo(history);
    }

    @Test
    void postWhenSchemaUrnUnknownThenInvalidValueAndNothingCreated() {
        ScimAccount account = newScimAccount();
        int history = historySize(account);

        scimError(account.scim().post("/scim/v2/Users", Map.of("schemas",
                List.of("urn:ietf:params:scim:schemas:core:2.0:Usr"), "userName", "ann@example.com")), 400,
                "invalidValue");
        scimError(account.scim().post("/scim/v2/Groups", Map.of("schemas", List.of(USER_SCHEMA),
                "displayName", "Engineering")), 400, "invalidValue");
        scimError(account.scim().post("/scim/v2/Users", Map.of("userName", "ann@example.com")), 400,
                "invalidSyntax");

        assertThat(historySize(account)).isEqualTo(history);
    }

    @ParameterizedTest
    @ValueSource(strings = {"name.givenName co \"x\"", "userName eq \"a\" or userName eq \"b\"",
        "userName eq \"a\" and active eq true", "emails.value eq \"a@example.com\"", "userName sw \"a\"",
        "userName eq a", "userName eq \"unterminated", "active eq true", "userName"})
    void listWhenFilterUnsupportedThenInvalidFilter(String filter) {
        ScimAccount account = newScimAccount();

        scimError(account.scim().get("/scim/v2/Users?filter=" + ScimUsersApiTest.encoded(filter)), 400,
                "invalidFilter");
    }

    @Test
    void patchWhenReadOnlyAttributeThenMutabilityAndNothingChanged() {
        ScimAccount account = newScimAccount();
        String ann = createUser(account, "ann@example.com");
        int history = historySize(account);

        for (Map<String, Object> operation : List.<Map<String, Object>>of(
                Map.of("op", "replace", "path", "id", "value", "another-id"),
                Map.of("op", "replace", "path", "meta.created", "value", "2020-01-01T00:00:00Z"),
                Map.of("op", "add", "path", "groups", "value", List.of(Map.of("value", "g"))),
                Map.of("op", "replace", "value", Map.of("active", false, "groups", List.of())))) {
            scimError(account.scim().patch("/scim/v2/Users/" + ann, patch(operation)), 400, "mutability");
        }

        assertThat(historySize(account)).isEqualTo(history);
        assertThat(ok(account.scim().get("/scim/v2/Users/" + ann), 200).body().get("active").asBoolean()).isTrue();
    }

    @Test
    void patchWhenPathUnknownOrOpInvalidThenInvalidPathOrSyntax() {
        ScimAccount account = newScimAccount();
        String ann = createUser(account, "ann@example.com");
        int history = historySize(account);

        scimError(account.scim().patch("/scim/v2/Users/" + ann,
                patch(Map.of("op", "replace", "path", "favouriteColour", "value", "blue"))), 400, "invalidPath");
        scimError(account.scim().patch("/scim/v2/Users/" + ann,
                patch(Map.of("op", "merge", "path", "active", "value", false))), 400, "invalidSyntax");
        scimError(account.scim().patch("/scim/v2/Users/" + ann,
                patch(Map.of("op", "replace", "path", "active", "value", "maybe"))), 400, "invalidValue");
        scimError(account.scim().patch("/scim/v2/Users/" + ann, patch(Map.of("op", "remove"))), 400, "noTarget");

        assertThat(historySize(account)).isEqualTo(history);
    }

    @Test
    void requestWhenContentTypeNotJsonThenUnsupportedMediaType() {
        ScimAccount account = newScimAccount();
        int history = historySize(account);

        scimError(account.scim().send("POST", "/scim/v2/Users", "text/plain",
                "{\"schemas\":[\"" + USER_SCHEMA + "\"],\"userName\":\"ann@example.com\"}"), 415, null);
        ScimHttp.Response plainJson = account.scim().send("POST", "/scim/v2/Users", "application/json",
                "{\"schemas\":[\"" + USER_SCHEMA + "\"],\"userName\":\"ann@example.com\"}");

        assertThat(plainJson.status()).isEqualTo(201);
        assertThat(historySize(account)).isEqualTo(history + 1);
    }

    @Test
    void requestWhenClientAcceptsSomethingElseOrSendsNoBodyThenStillScimAnswers() {
        ScimAccount account = newScimAccount();
        String ann = createUser(account, "ann@example.com");

        ScimHttp.Response html = account.scim().send("GET", "/scim/v2/Users/" + ann, null, null, "text/html");
        scimError(account.scim().send("PATCH", "/scim/v2/Users/" + ann, ScimHttp.SCIM_JSON, null), 400,
                "invalidSyntax");
        scimError(account.scim().send("PUT", "/scim/v2/Users", ScimHttp.SCIM_JSON, "{}"), 404, null);

        assertThat(ok(html, 200).text("id")).isEqualTo(ann);
        assertThat(ok(account.scim().get("/scim/v2/Users/" + ann), 200).text("userName")).isEqualTo("ann@example.com");
    }

    @Test
    void requestWhenIdUnknownThenNotFound() {
        ScimAccount account = newScimAccount();

        scimError(account.scim().get("/scim/v2/Users/" + UserId.random().value()), 404, null);
        scimError(account.scim().get("/scim/v2/Users/not%20an%20id"), 404, null);
        scimError(account.scim().patch("/scim/v2/Groups/" + UserId.random().value(),
                patch(Map.of("op", "replace", "path", "displayName", "value", "x"))), 404, null);
        scimError(account.scim().delete("/scim/v2/Users/" + UserId.random().value()), 404, null);
        scimError(account.scim().get("/scim/v2/Bulk"), 404, null);
    }

    @Test
    void requestWhenNoTokenOrNotAScimTokenThenUnauthorized() {
        ScimAccount account = newScimAccount();
        String pat = accounts.tokenFor(account.id(), new UserId(TestData.currentUserId(account.owner())));
        int history = historySize(account);

        scimError(ScimHttp.withAuthorization(api.baseUrl(), null).get("/scim/v2/Users"), 401, null);
        scimError(ScimHttp.bearer(api.baseUrl(), "nls_unknown").get("/scim/v2/Users"), 401, null);
        scimError(ScimHttp.bearer(api.baseUrl(), pat).get("/scim/v2/Users"), 401, null);
        scimError(ScimHttp.withAuthorization(api.baseUrl(), "Token " + pat).get("/scim/v2/Users"), 401, null);
        scimError(ScimHttp.withAuthorization(api.baseUrl(), null).post("/scim/v2/Users",
                user("ann@example.com", "x", true)), 401, null);

        assertThat(historySize(account)).isEqualTo(history);
    }

    @Test
    void requestWhenBearerIsANetloomJwtThenUnauthorized() {
        ScimAccount account = newScimAccount();
        String bot = TestData.createUser(account.owner(), TestData.serviceUser("bot", "admin"));
        String plain = TestData.createToken(account.owner(), bot);
        String tokenId = TestData.ids(account.owner().get("/api/users/{userId}/tokens", bot)).get(0);
        String basic = Base64.getEncoder().encodeToString((tokenId + ":" + plain).getBytes(StandardCharsets.UTF_8));
        ScimHttp.Response issued = ScimHttp.withAuthorization(api.baseUrl(), "Basic " + basic).send("POST",
                "/oauth2/token", "application/x-www-form-urlencoded", "grant_type=client_credentials", "*/*");
        assertThat(issued.status()).as(issued.rawBody()).isEqualTo(200);
        String jwt = issued.text("access_token");
        TestData.ok(api.withBearer(jwt).get("/api/users/current"));

        scimError(ScimHttp.bearer(api.baseUrl(), jwt).get("/scim/v2/Users"), 401, null);
    }

    @Test
    void requestWhenTokenRevokedOrExpiredThenUnauthorized() {
        ScimAccount account = newScimAccount();
        JsonNode created = TestData.ok(account.owner().post("/api/netloom/scim-tokens", Map.of("name", "okta"))).body();
        ScimHttp okta = ScimHttp.bearer(api.baseUrl(), created.get("plain_token").asString());
        ok(okta.get("/scim/v2/Users"), 200);
        String expired = SecretTokens.newScimToken();
        Instant longAgo = Instant.now().minus(Duration.ofDays(2));
        commands.send(new CreateScimTokenCommand(account.id(), TokenId.random(), "old", SecretTokens.hash(expired),
                null, new UserId(TestData.currentUserId(account.owner())), longAgo, longAgo.plus(Duration.ofDays(1))),
                Initiator.SYSTEM);

        TestData.ok(account.owner().delete("/api/netloom/scim-tokens/{id}",
                created.get("scim_token").get("id").asString()));

        scimError(okta.get("/scim/v2/Users"), 401, null);
        scimError(ScimHttp.bearer(api.baseUrl(), expired).get("/scim/v2/Users"), 401, null);
    }

    @Test
    void scimTokenWhenUsedOnTheApiThenUnauthorized() {
        ScimAccount account = newScimAccount();
        String token = TestData.ok(account.owner().post("/api/netloom/scim-tokens", Map.of("name", "okta")))
                .text("plain_token");

        TestData.error(api.withBearer(token).get("/api/users"), 401);
        TestData.error(api.as(token).get("/api/users"), 401);
    }

    @Test
    void requestWhenTokenOfAnotherAccountThenItsResourcesAreNotFoundAndNeverListed() {
        ScimAccount mine = newScimAccount();
        ScimAccount theirs = newScimAccount();
        String theirUser = createUser(theirs, "eve@example.com");
        String theirGroup = ok(theirs.scim().post("/scim/v2/Groups", group("Secret")), 201).text("id");
        int history = historySize(theirs);

        scimError(mine.scim().get("/scim/v2/Users/" + theirUser), 404, null);
        scimError(mine.scim().patch("/scim/v2/Users/" + theirUser,
                patch(Map.of("op", "replace", "path", "active", "value", false))), 404, null);
        scimError(mine.scim().delete("/scim/v2/Users/" + theirUser), 404, null);
        scimError(mine.scim().get("/scim/v2/Groups/" + theirGroup), 404, null);
        scimError(mine.scim().delete("/scim/v2/Groups/" + theirGroup), 404, null);

        assertThat(ok(mine.scim().get("/scim/v2/Users?filter=" + ScimUsersApiTest.encoded(
                "userName eq \"eve@example.com\"")), 200).body().get("totalResults").asInt()).isZero();
        assertThat(ok(mine.scim().get("/scim/v2/Groups"), 200).body().get("totalResults").asInt()).isZero();
        assertThat(historySize(theirs)).isEqualTo(history);
        assertThat(ok(theirs.scim().get("/scim/v2/Users/" + theirUser), 200).body().get("active").asBoolean())
                .isTrue();
    }

    @Test
    void discoveryWhenAskedThenPatchAndFilterSupportedAndBulkSortEtagNot() {
        ScimAccount account = newScimAccount();

        JsonNode config = ok(account.scim().get("/scim/v2/ServiceProviderConfig"), 200).body();
        JsonNode types = ok(account.scim().get("/scim/v2/ResourceTypes"), 200).body();
        JsonNode schemas = ok(account.scim().get("/scim/v2/Schemas"), 200).body();

        assertThat(config.get("patch").get("supported").asBoolean()).isTrue();
        assertThat(config.get("filter").get("supported").asBoolean()).isTrue();
        assertThat(config.get("filter").get("maxResults").asInt()).isPositive();
        assertThat(config.get("bulk").get("supported").asBoolean()).isFalse();
        assertThat(config.get("sort").get("supported").asBoolean()).isFalse();
        assertThat(config.get("etag").get("supported").asBoolean()).isFalse();
        assertThat(config.get("authenticationSchemes").get(0).get("type").asString()).isEqualTo("oauthbearertoken");
        assertThat(types.get("Resources").findValuesAsString("name")).containsExactly("User", "Group");
        assertThat(schemas.get("Resources").findValuesAsString("id")).containsExactly(USER_SCHEMA, GROUP_SCHEMA);
    }
}
