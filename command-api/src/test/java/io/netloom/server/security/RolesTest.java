package io.netloom.server.security;

import static io.netloom.server.testing.TestData.accountId;
import static io.netloom.server.testing.TestData.createGroup;
import static io.netloom.server.testing.TestData.createPolicy;
import static io.netloom.server.testing.TestData.createToken;
import static io.netloom.server.testing.TestData.createUser;
import static io.netloom.server.testing.TestData.currentUserId;
import static io.netloom.server.testing.TestData.error;
import static io.netloom.server.testing.TestData.group;
import static io.netloom.server.testing.TestData.ids;
import static io.netloom.server.testing.TestData.ok;
import static io.netloom.server.testing.TestData.peerUpdate;
import static io.netloom.server.testing.TestData.policy;
import static io.netloom.server.testing.TestData.regularUser;
import static io.netloom.server.testing.TestData.rule;
import static io.netloom.server.testing.TestData.serviceUser;
import static io.netloom.server.testing.TestData.tokenRequest;
import static io.netloom.server.testing.TestData.userUpdate;
import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.UserId;
import io.netloom.server.testing.NetloomApi;
import io.netloom.server.testing.ServerTest;
import io.netloom.server.testing.TestPeers;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What owners' helpers may do: admins change things, auditors read everything, users see only their own. */
class RolesTest extends ServerTest {

    private NetloomApi.Client owner;
    private String accountId;
    private String ownerId;
    private String group;
    private String keyId;
    private String peer;
    private String policy;
    private String bot;

    @BeforeEach
    void createAccountWithOneOfEverything() {
        owner = accounts.newAccount();
        accountId = accountId(owner);
        ownerId = currentUserId(owner);
        group = createGroup(owner, "servers");
        var key = ok(owner.post("/api/setup-keys", TestPeers.reusableKey("office", List.of(group)))).body();
        keyId = key.get("id").asString();
        peer = TestPeers.enroll(api.anonymous(), key.get("key").asString(), "box");
        policy = createPolicy(owner, "p", List.of(group), List.of(group));
        bot = createUser(owner, serviceUser("bot", "user"));
    }

    @Test
    void auditorWhenReadingThenEverythingIsVisible() {
        NetloomApi.Client auditor = withRole("auditor");

        readEndpoints().forEach((what, read) -> assertThat(read.apply(auditor).status()).as(what).isEqualTo(200));

        assertThat(ids(auditor.get("/api/peers"))).containsExactly(peer);
        assertThat(ids(auditor.get("/api/users"))).contains(ownerId, bot).hasSize(3);
        assertThat(ok(auditor.get("/api/events/audit")).body()).isNotEmpty();
        assertThat(ok(auditor.get("/api/users/current")).text("role")).isEqualTo("auditor");
    }

    @Test
    void auditorWhenWritingThenEveryWriteIsForbiddenAndNothingChanges() {
        NetloomApi.Client auditor = withRole("auditor");
        Map<String, String> before = snapshot();

        writeEndpoints().forEach((what, write) -> assertThat(write.apply(auditor).status()).as(what).isEqualTo(403));

        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void regularUserWhenReadingAccountWideListsThenForbidden() {
        NetloomApi.Client user = withRole("user");

        error(user.get("/api/groups"), 403);
        error(user.get("/api/groups/{groupId}", group), 403);
        error(user.get("/api/setup-keys"), 403);
        error(user.get("/api/setup-keys/{keyId}", keyId), 403);
        error(user.get("/api/policies"), 403);
        error(user.get("/api/policies/{policyId}", policy), 403);
        error(user.get("/api/events/audit"), 403);
        error(user.get("/api/users/{userId}/tokens", ownerId), 403);
    }

    @Test
    void regularUserWhenReadingPeersAndUsersThenOnlyTheirOwnAreShown() {
        NetloomApi.Client user = withRole("user");
        String self = currentUserId(user);

        assertThat(ok(user.get("/api/peers")).body()).isEmpty();
        error(user.get("/api/peers/{peerId}", peer), 404);
        error(user.get("/api/peers/{peerId}/accessible-peers", peer), 404);
        error(user.get("/api/peers/{peerId}/network-map", peer), 404);
        assertThat(ids(user.get("/api/users"))).containsExactly(self);
        assertThat(ok(user.get("/api/users/current")).text("role")).isEqualTo("user");
        assertThat(ids(user.get("/api/accounts"))).containsExactly(accountId);
        ok(user.get("/api/users/{userId}/tokens", self));
    }

    @Test
    void regularUserWhenWritingThenEveryWriteIsForbiddenAndNothingChanges() {
        NetloomApi.Client user = withRole("user");
        Map<String, String> before = snapshot();

        writeEndpoints().forEach((what, write) -> assertThat(write.apply(user).status()).as(what).isEqualTo(403));

        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void adminWhenReadingThenEverythingIsVisible() {
        NetloomApi.Client admin = withRole("admin");

        readEndpoints().forEach((what, read) -> assertThat(read.apply(admin).status()).as(what).isEqualTo(200));
    }

    @Test
    void adminWhenWritingThenChangesAreApplied() {
        NetloomApi.Client admin = withRole("admin");

        String newGroup = createGroup(admin, "admins' group", peer);
        ok(admin.put("/api/groups/{groupId}", group("servers renamed", List.of(peer)), group));
        String newKey = ok(admin.post("/api/setup-keys", TestPeers.reusableKey("admin key", List.of(newGroup))))
                .text("id");
        ok(admin.put("/api/setup-keys/{keyId}", Map.of("revoked", true, "auto_groups", List.of(group)), keyId));
        String newPolicy = createPolicy(admin, "admin policy", List.of(newGroup), List.of(group));
        ok(admin.put("/api/policies/{policyId}", policy("p2", false, List.of(rule("r", List.of(group),
                List.of(group)))), policy));
        ok(admin.put("/api/peers/{peerId}", peerUpdate("renamed by admin"), peer));
        String newUser = createUser(admin, regularUser("new@example.com", "user"));
        ok(admin.put("/api/users/{userId}", userUpdate("auditor", true), newUser));
        createToken(admin, bot);
        ok(admin.put("/api/accounts/{accountId}", Map.of("settings", Map.of("dns_domain", "admin.example")),
                accountId));
        ok(admin.delete("/api/policies/{policyId}", newPolicy));
        ok(admin.delete("/api/setup-keys/{keyId}", newKey));

        assertThat(ok(owner.get("/api/groups/{groupId}", group)).text("name")).isEqualTo("servers renamed");
        assertThat(ok(owner.get("/api/setup-keys/{keyId}", keyId)).body().get("revoked").asBoolean()).isTrue();
        assertThat(ok(owner.get("/api/policies/{policyId}", policy)).text("name")).isEqualTo("p2");
        assertThat(ok(owner.get("/api/peers/{peerId}", peer)).text("name")).isEqualTo("renamed by admin");
        assertThat(ids(owner.get("/api/policies"))).containsExactly(policy);
        assertThat(ok(owner.get("/api/accounts")).body().get(0).get("settings").get("dns_domain").asString())
                .isEqualTo("admin.example");
        ok(admin.delete("/api/users/{userId}", newUser));
        ok(admin.delete("/api/peers/{peerId}", peer));
        assertThat(ok(owner.get("/api/peers")).body()).isEmpty();
    }

    @Test
    void adminWhenAssigningOwnerOrManagingAnotherPersonsTokensThenForbidden() {
        NetloomApi.Client admin = withRole("admin");
        String person = createUser(owner, regularUser("person@example.com", "user"));

        error(admin.post("/api/users", serviceUser("usurper", "owner")), 403);
        error(admin.put("/api/users/{userId}", userUpdate("owner", false), person), 403);
        error(admin.post("/api/users/{userId}/tokens", tokenRequest("t", 1), person), 403);
        error(admin.delete("/api/accounts/{accountId}", accountId), 403);

        assertThat(ids(owner.get("/api/users"))).hasSize(4);
    }

    @Test
    void adminWhenManagingTheOwnersTokensThenForbiddenEvenThoughTheOwnerIsAServiceUser() {
        NetloomApi.Client admin = withRole("admin");
        String ownerToken = ids(owner.get("/api/users/{userId}/tokens", ownerId)).get(0);

        error(admin.get("/api/users/{userId}/tokens", ownerId), 403);
        error(admin.get("/api/users/{userId}/tokens/{tokenId}", ownerId, ownerToken), 403);
        error(admin.post("/api/users/{userId}/tokens", tokenRequest("takeover", 1), ownerId), 403);
        error(admin.delete("/api/users/{userId}/tokens/{tokenId}", ownerId, ownerToken), 403);

        assertThat(ids(owner.get("/api/users/{userId}/tokens", ownerId))).containsExactly(ownerToken);
        ok(owner.get("/api/users/current"));
    }

    /** A user of the given role in the account, created through the API, and a client authenticated as them. */
    private NetloomApi.Client withRole(String role) {
        String userId = createUser(owner, regularUser(role + "@example.com", role));
        return api.as(accounts.tokenFor(new AccountId(accountId), new UserId(userId)));
    }

    private Map<String, Function<NetloomApi.Client, NetloomApi.Response>> readEndpoints() {
        Map<String, Function<NetloomApi.Client, NetloomApi.Response>> reads = new LinkedHashMap<>();
        reads.put("accounts", c -> c.get("/api/accounts"));
        reads.put("peers", c -> c.get("/api/peers"));
        reads.put("peer", c -> c.get("/api/peers/{peerId}", peer));
        reads.put("groups", c -> c.get("/api/groups"));
        reads.put("group", c -> c.get("/api/groups/{groupId}", group));
        reads.put("setup keys", c -> c.get("/api/setup-keys"));
        reads.put("setup key", c -> c.get("/api/setup-keys/{keyId}", keyId));
        reads.put("policies", c -> c.get("/api/policies"));
        reads.put("policy", c -> c.get("/api/policies/{policyId}", policy));
        reads.put("users", c -> c.get("/api/users"));
        reads.put("current user", c -> c.get("/api/users/current"));
        reads.put("audit", c -> c.get("/api/events/audit"));
        return reads;
    }

    /** Every write the admin API offers, aimed at existing resources of the account. */
    private Map<String, Function<NetloomApi.Client, NetloomApi.Response>> writeEndpoints() {
        Map<String, Function<NetloomApi.Client, NetloomApi.Response>> writes = new LinkedHashMap<>();
        writes.put("create group", c -> c.post("/api/groups", group("new", List.of())));
        writes.put("update group", c -> c.put("/api/groups/{groupId}", group("renamed", List.of()), group));
        writes.put("delete group", c -> c.delete("/api/groups/{groupId}", group));
        writes.put("create setup key", c -> c.post("/api/setup-keys", TestPeers.reusableKey("k", List.of())));
        writes.put("revoke setup key", c -> c.put("/api/setup-keys/{keyId}",
                Map.of("revoked", true, "auto_groups", List.of()), keyId));
        writes.put("delete setup key", c -> c.delete("/api/setup-keys/{keyId}", keyId));
        writes.put("create policy", c -> c.post("/api/policies",
                policy("new", true, List.of(rule("r", List.of(group), List.of(group))))));
        writes.put("update policy", c -> c.put("/api/policies/{policyId}",
                policy("renamed", false, List.of(rule("r", List.of(group), List.of(group)))), policy));
        writes.put("delete policy", c -> c.delete("/api/policies/{policyId}", policy));
        writes.put("update peer", c -> c.put("/api/peers/{peerId}", peerUpdate("renamed"), peer));
        writes.put("delete peer", c -> c.delete("/api/peers/{peerId}", peer));
        writes.put("create user", c -> c.post("/api/users", serviceUser("new bot", "admin")));
        writes.put("update user", c -> c.put("/api/users/{userId}", userUpdate("admin", true), bot));
        writes.put("delete user", c -> c.delete("/api/users/{userId}", bot));
        writes.put("create token for another user", c -> c.post("/api/users/{userId}/tokens",
                tokenRequest("t", 1), bot));
        writes.put("update account", c -> c.put("/api/accounts/{accountId}",
                Map.of("settings", Map.of("dns_domain", "taken.example")), accountId));
        writes.put("delete account", c -> c.delete("/api/accounts/{accountId}", accountId));
        return writes;
    }

    /** Everything an owner can read, as raw bodies, to prove a refused request changed nothing. */
    private Map<String, String> snapshot() {
        Map<String, String> state = new LinkedHashMap<>();
        for (String path : List.of("/api/accounts", "/api/peers", "/api/groups", "/api/setup-keys", "/api/policies",
                "/api/users", "/api/events/audit")) {
            state.put(path, ok(owner.get(path)).rawBody());
        }
        state.put("bot tokens", ok(owner.get("/api/users/{userId}/tokens", bot)).rawBody());
        return state;
    }
}
