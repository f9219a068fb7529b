package io.netloom.server.api;

import static io.netloom.server.testing.TestData.createToken;
import static io.netloom.server.testing.TestData.createUser;
import static io.netloom.server.testing.TestData.currentUserId;
import static io.netloom.server.testing.TestData.error;
import static io.netloom.server.testing.TestData.ids;
import static io.netloom.server.testing.TestData.ok;
import static io.netloom.server.testing.TestData.regularUser;
import static io.netloom.server.testing.TestData.serviceUser;
import static io.netloom.server.testing.TestData.tokenRequest;
import static io.netloom.server.testing.TestData.userUpdate;
import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.UserId;
import io.netloom.server.testing.NetloomApi;
import io.netloom.server.testing.ServerTest;
import io.netloom.server.testing.TestData;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class TokensApiTest extends ServerTest {

    @Test
    void createWhenValidThenPlainTokenShownOnceAndItAuthenticatesAsTheUser() {
        NetloomApi.Client owner = accounts.newAccount();
        String self = currentUserId(owner);
        Instant before = Instant.now();

        JsonNode created = ok(owner.post("/api/users/{userId}/tokens", tokenRequest("deploy script", 30), self)).body();

        String plain = created.get("plain_token").asString();
        JsonNode token = created.get("personal_access_token");
        assertThat(plain).startsWith("nlp_").hasSize(40);
        assertThat(token.get("name").asString()).isEqualTo("deploy script");
        assertThat(token.get("created_by").asString()).isEqualTo(self);
        assertThat(Instant.parse(token.get("expiration_date").asString()))
                .isBetween(before.plus(Duration.ofDays(30)).minusSeconds(1), Instant.now().plus(Duration.ofDays(30)));
        assertThat(ok(api.as(plain).get("/api/users/current")).text("id")).isEqualTo(self);
        String tokenId = token.get("id").asString();
        NetloomApi.Response list = ok(owner.get("/api/users/{userId}/tokens", self));
        NetloomApi.Response single = ok(owner.get("/api/users/{userId}/tokens/{tokenId}", self, tokenId));
        assertThat(ids(list)).contains(tokenId);
        assertThat(single.text("name")).isEqualTo("deploy script");
        assertThat(list.rawBody()).doesNotContain(plain);
        assertThat(single.rawBody()).doesNotContain(plain);
    }

    @Test
    void listWhenUserHasTokensThenAllOfThemAreShown() {
        NetloomApi.Client owner = accounts.newAccount();
        String self = currentUserId(owner);
        String first = ok(owner.post("/api/users/{userId}/tokens", tokenRequest("one", 1), self))
                .body().get("personal_access_token").get("id").asString();
        String second = ok(owner.post("/api/users/{userId}/tokens", tokenRequest("two", 365), self))
                .body().get("personal_access_token").get("id").asString();

        List<String> listed = ids(owner.get("/api/users/{userId}/tokens", self));

        // The owner also holds the token this test authenticates with.
        assertThat(listed).contains(first, second).hasSize(3);
    }

    @Test
    void deleteWhenTokenDeletedThenItNoLongerAuthenticates() {
        NetloomApi.Client owner = accounts.newAccount();
        String self = currentUserId(owner);
        JsonNode created = ok(owner.post("/api/users/{userId}/tokens", tokenRequest("temp", 7), self)).body();
        String tokenId = created.get("personal_access_token").get("id").asString();
        NetloomApi.Client temp = api.as(created.get("plain_token").asString());
        ok(temp.get("/api/users/current"));

        ok(owner.delete("/api/users/{userId}/tokens/{tokenId}", self, tokenId));

        error(temp.get("/api/users/current"), 401);
        error(owner.get("/api/users/{userId}/tokens/{tokenId}", self, tokenId), 404);
        assertThat(ids(owner.get("/api/users/{userId}/tokens", self))).doesNotContain(tokenId);
        error(owner.delete("/api/users/{userId}/tokens/{tokenId}", self, tokenId), 404);
        ok(owner.get("/api/users/current"));
    }

    @Test
    void deleteWhenTokenIsTheOneInUseThenTheNextRequestIsRefused() {
        NetloomApi.Client owner = accounts.newAccount();
        String self = currentUserId(owner);
        String plain = createToken(owner, self);
        NetloomApi.Client client = api.as(plain);
        String tokenId = ids(owner.get("/api/users/{userId}/tokens", self)).stream()
                .filter(id -> ok(owner.get("/api/users/{userId}/tokens/{tokenId}", self, id)).text("name")
                        .equals("script"))
                .findFirst().orElseThrow();

        ok(client.delete("/api/users/{userId}/tokens/{tokenId}", self, tokenId));

        error(client.get("/api/users/current"), 401);
    }

    @Test
    void createWhenExpiresInOutOfRangeThenUnprocessableAndNoTokenCreated() {
        NetloomApi.Client owner = accounts.newAccount();
        String self = currentUserId(owner);

        for (int days : List.of(0, -1, 366, Integer.MAX_VALUE)) {
            NetloomApi.Response response = owner.post("/api/users/{userId}/tokens", tokenRequest("t", days), self);
            error(response, 422);
            assertThat(response.text("message")).contains("expires_in");
        }
        error(owner.post("/api/users/{userId}/tokens", tokenRequest("  ", 1), self), 422);

        assertThat(ok(owner.get("/api/users/{userId}/tokens", self)).body()).hasSize(1);
    }

    @Test
    void createWhenAdminForServiceUserThenTokenAuthenticatesAsTheServiceUser() {
        NetloomApi.Client owner = accounts.newAccount();
        String bot = createUser(owner, serviceUser("bot", "user"));

        String plain = createToken(owner, bot);

        JsonNode current = ok(api.as(plain).get("/api/users/current")).body();
        assertThat(current.get("id").asString()).isEqualTo(bot);
        assertThat(current.get("role").asString()).isEqualTo("user");
        JsonNode token = ok(owner.get("/api/users/{userId}/tokens", bot)).body().get(0);
        assertThat(token.get("created_by").asString()).isEqualTo(currentUserId(owner));
    }

    @Test
    void createWhenForAnotherRegularUserThenForbidden() {
        NetloomApi.Client owner = accounts.newAccount();
        String ann = createUser(owner, regularUser("ann@example.com", "user"));

        error(owner.post("/api/users/{userId}/tokens", tokenRequest("t", 1), ann), 403);
        error(owner.get("/api/users/{userId}/tokens", ann), 403);
    }

    @Test
    void createWhenUserManagesOwnTokensThenAllowedButNotOthers() {
        NetloomApi.Client owner = accounts.newAccount();
        String accountId = TestData.accountId(owner);
        String ann = createUser(owner, regularUser("ann@example.com", "user"));
        NetloomApi.Client annClient = api.as(accounts.tokenFor(new AccountId(accountId), new UserId(ann)));
        String bot = createUser(owner, serviceUser("bot", "user"));

        String plain = createToken(annClient, ann);

        assertThat(ok(api.as(plain).get("/api/users/current")).text("id")).isEqualTo(ann);
        error(annClient.post("/api/users/{userId}/tokens", tokenRequest("t", 1), bot), 403);
        error(annClient.get("/api/users/{userId}/tokens", currentUserId(owner)), 403);
        assertThat(ok(owner.get("/api/users/{userId}/tokens", bot)).body()).isEmpty();
    }

    @Test
    void createWhenUserBlockedThenPreconditionFailed() {
        NetloomApi.Client owner = accounts.newAccount();
        String bot = createUser(owner, serviceUser("bot", "user"));
        ok(owner.put("/api/users/{userId}", userUpdate("user", true), bot));

        error(owner.post("/api/users/{userId}/tokens", tokenRequest("t", 1), bot), 412);

        assertThat(ok(owner.get("/api/users/{userId}/tokens", bot)).body()).isEmpty();
    }

    @Test
    void getWhenTokenOrUserUnknownThenNotFound() {
        NetloomApi.Client owner = accounts.newAccount();
        String self = currentUserId(owner);
        String unknown = UUID.randomUUID().toString();

        error(owner.get("/api/users/{userId}/tokens/{tokenId}", self, unknown), 404);
        error(owner.delete("/api/users/{userId}/tokens/{tokenId}", self, unknown), 404);
        error(owner.get("/api/users/{userId}/tokens", unknown), 404);
        error(owner.post("/api/users/{userId}/tokens", Map.of("name", "t", "expires_in", 1), unknown), 404);
    }
}
