package io.netloom.server.api;

import static io.netloom.server.testing.TestData.createGroup;
import static io.netloom.server.testing.TestData.createToken;
import static io.netloom.server.testing.TestData.createUser;
import static io.netloom.server.testing.TestData.currentUserId;
import static io.netloom.server.testing.TestData.error;
import static io.netloom.server.testing.TestData.ids;
import static io.netloom.server.testing.TestData.ok;
import static io.netloom.server.testing.TestData.regularUser;
import static io.netloom.server.testing.TestData.serviceUser;
import static io.netloom.server.testing.TestData.userUpdate;
import static io.netloom.server.testing.TestData.with;
import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.server.testing.NetloomApi;
import io.netloom.server.testing.ServerTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class UsersApiTest extends ServerTest {

    @Test
    void currentWhenCalledThenTheCallerIsShown() {
        NetloomApi.Client owner = accounts.newAccount();

        JsonNode current = ok(owner.get("/api/users/current")).body();

        assertThat(current.get("name").asString()).isEqualTo("Test owner");
        assertThat(current.get("role").asString()).isEqualTo("owner");
        assertThat(current.get("is_current").asBoolean()).isTrue();
        assertThat(current.get("is_blocked").asBoolean()).isFalse();
        assertThat(current.get("status").asString()).isEqualTo("active");
        assertThat(ids(owner.get("/api/users"))).containsExactly(current.get("id").asString());
    }

    @Test
    void createWhenServiceUserThenListedAsServiceUser() {
        NetloomApi.Client owner = accounts.newAccount();
        String group = createGroup(owner, "ci");

        JsonNode created = ok(owner.post("/api/users",
                with(serviceUser("ci bot", "admin"), "auto_groups", List.of(group)))).body();

        assertThat(created.get("name").asString()).isEqualTo("ci bot");
        assertThat(created.get("role").asString()).isEqualTo("admin");
        assertThat(created.get("is_service_user").asBoolean()).isTrue();
        assertThat(created.get("is_current").asBoolean()).isFalse();
        assertThat(created.get("auto_groups").get(0).asString()).isEqualTo(group);
        JsonNode listed = findUser(owner, created.get("id").asString());
        assertThat(listed.get("is_service_user").asBoolean()).isTrue();
        assertThat(listed.get("status").asString()).isEqualTo("active");
    }

    @Test
    void createWhenRegularUserThenListedWithEmailAndRole() {
        NetloomApi.Client owner = accounts.newAccount();

        JsonNode created = ok(owner.post("/api/users", regularUser("ann@example.com", "user"))).body();

        assertThat(created.get("email").asString()).isEqualTo("ann@example.com");
        assertThat(created.get("role").asString()).isEqualTo("user");
        assertThat(created.get("is_service_user").asBoolean()).isFalse();
        assertThat(ids(owner.get("/api/users"))).contains(created.get("id").asString()).hasSize(2);
    }

    @Test
    void createWhenEmailAlreadyUsedThenConflict() {
        NetloomApi.Client owner = accounts.newAccount();
        createUser(owner, regularUser("ann@example.com", "user"));

        error(owner.post("/api/users", regularUser("ANN@example.com", "admin")), 409);

        assertThat(ok(owner.get("/api/users")).body()).hasSize(2);
    }

    @Test
    void createWhenRoleOwnerThenForbiddenAndNothingCreated() {
        NetloomApi.Client owner = accounts.newAccount();

        error(owner.post("/api/users", serviceUser("usurper", "owner")), 403);
        error(owner.post("/api/users", regularUser("boss@example.com", "owner")), 403);

        assertThat(ok(owner.get("/api/users")).body()).hasSize(1);
    }

    @Test
    void createWhenInvalidThenUnprocessableAndNothingCreated() {
        NetloomApi.Client owner = accounts.newAccount();

        error(owner.post("/api/users", serviceUser("x", "superuser")), 422);
        error(owner.post("/api/users", regularUser("not-an-email", "user")), 422);
        error(owner.post("/api/users", serviceUser("   ", "user")), 422);
        error(owner.post("/api/users", with(serviceUser("x", "user"), "auto_groups",
                List.of(UUID.randomUUID().toString()))), 422);

        assertThat(ok(owner.get("/api/users")).body()).hasSize(1);
    }

    @Test
    void updateWhenBlockedThenShownBlockedAndUnblockRestoresIt() {
        NetloomApi.Client owner = accounts.newAccount();
        String user = createUser(owner, regularUser("ann@example.com", "user"));

        JsonNode blocked = ok(owner.put("/api/users/{userId}", userUpdate("user", true), user)).body();
        JsonNode listed = findUser(owner, user);
        JsonNode unblocked = ok(owner.put("/api/users/{userId}", userUpdate("user", false), user)).body();

        assertThat(blocked.get("is_blocked").asBoolean()).isTrue();
        assertThat(blocked.get("status").asString()).isEqualTo("blocked");
        assertThat(listed.get("is_blocked").asBoolean()).isTrue();
        assertThat(unblocked.get("is_blocked").asBoolean()).isFalse();
        assertThat(findUser(owner, user).get("status").asString()).isEqualTo("active");
    }

    @Test
    void updateWhenUserBlockedThenTheirTokenStopsWorkingAtOnceAndWorksAgainAfterUnblock() {
        NetloomApi.Client owner = accounts.newAccount();
        String bot = createUser(owner, serviceUser("bot", "admin"));
        NetloomApi.Client botClient = api.as(createToken(owner, bot));
        ok(botClient.get("/api/groups"));

        ok(owner.put("/api/users/{userId}", userUpdate("admin", true), bot));

        error(botClient.get("/api/groups"), 401);
        error(botClient.post("/api/groups", Map.of("name", "sneaky")), 401);
        ok(owner.put("/api/users/{userId}", userUpdate("admin", false), bot));
        ok(botClient.get("/api/groups"));
        assertThat(ok(owner.get("/api/groups")).body()).hasSize(1);
    }

    @Test
    void updateWhenRoleChangedThenNewRoleApplies() {
        NetloomApi.Client owner = accounts.newAccount();
        String bot = createUser(owner, serviceUser("bot", "admin"));
        NetloomApi.Client botClient = api.as(createToken(owner, bot));

        JsonNode updated = ok(owner.put("/api/users/{userId}", userUpdate("auditor", false), bot)).body();

        assertThat(updated.get("role").asString()).isEqualTo("auditor");
        ok(botClient.get("/api/groups"));
        error(botClient.post("/api/groups", Map.of("name", "not allowed")), 403);
    }

    @Test
    void updateWhenBlockingOrDemotingSelfThenForbidden() {
        NetloomApi.Client owner = accounts.newAccount();
        String admin = createUser(owner, serviceUser("admin bot", "admin"));
        NetloomApi.Client adminClient = api.as(createToken(owner, admin));
        String self = currentUserId(owner);

        error(owner.put("/api/users/{userId}", userUpdate("owner", true), self), 403);
        error(adminClient.put("/api/users/{userId}", userUpdate("admin", true), admin), 403);
        error(adminClient.put("/api/users/{userId}", userUpdate("user", false), admin), 403);

        ok(owner.get("/api/users/current"));
        JsonNode adminNow = ok(adminClient.get("/api/users/current")).body();
        assertThat(adminNow.get("role").asString()).isEqualTo("admin");
        assertThat(adminNow.get("is_blocked").asBoolean()).isFalse();
    }

    @Test
    void updateWhenPromotingToOwnerThenForbidden() {
        NetloomApi.Client owner = accounts.newAccount();
        String user = createUser(owner, regularUser("ann@example.com", "admin"));

        error(owner.put("/api/users/{userId}", userUpdate("owner", false), user), 403);

        assertThat(findUser(owner, user).get("role").asString()).isEqualTo("admin");
    }

    @Test
    void updateWhenAdminBlocksOrDemotesTheOwnerThenPreconditionFailed() {
        NetloomApi.Client owner = accounts.newAccount();
        String ownerId = currentUserId(owner);
        NetloomApi.Client admin = api.as(createToken(owner, createUser(owner, serviceUser("admin bot", "admin"))));

        error(admin.put("/api/users/{userId}", userUpdate("owner", true), ownerId), 412);
        error(admin.put("/api/users/{userId}", userUpdate("admin", false), ownerId), 412);
        error(admin.delete("/api/users/{userId}", ownerId), 412);

        JsonNode current = ok(owner.get("/api/users/current")).body();
        assertThat(current.get("role").asString()).isEqualTo("owner");
        assertThat(current.get("is_blocked").asBoolean()).isFalse();
    }

    @Test
    void deleteWhenUserExistsThenGoneAndTheirTokensStopWorking() {
        NetloomApi.Client owner = accounts.newAccount();
        String bot = createUser(owner, serviceUser("bot", "user"));
        NetloomApi.Client botClient = api.as(createToken(owner, bot));
        ok(botClient.get("/api/users/current"));

        ok(owner.delete("/api/users/{userId}", bot));

        assertThat(ids(owner.get("/api/users"))).doesNotContain(bot).hasSize(1);
        error(botClient.get("/api/users/current"), 401);
        error(owner.delete("/api/users/{userId}", bot), 404);
        error(owner.put("/api/users/{userId}", userUpdate("user", false), bot), 404);
    }

    @Test
    void deleteWhenSelfThenForbidden() {
        NetloomApi.Client owner = accounts.newAccount();

        error(owner.delete("/api/users/{userId}", currentUserId(owner)), 403);

        ok(owner.get("/api/users/current"));
    }

    @Test
    void updateWhenUserUnknownThenNotFound() {
        NetloomApi.Client owner = accounts.newAccount();
        String unknown = UUID.randomUUID().toString();

        error(owner.put("/api/users/{userId}", userUpdate("user", false), unknown), 404);
        error(owner.delete("/api/users/{userId}", unknown), 404);
    }

    private static JsonNode findUser(NetloomApi.Client client, String id) {
        return ok(client.get("/api/users")).body().valueStream()
                .filter(user -> user.get("id").asString().equals(id))
                .findFirst().orElseThrow(() -> new AssertionError("user " + id + " not listed"));
    }
}
