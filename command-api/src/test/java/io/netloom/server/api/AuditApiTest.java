package io.netloom.server.api;

import static io.netloom.server.testing.TestData.accountId;
import static io.netloom.server.testing.TestData.audit;
import static io.netloom.server.testing.TestData.createGroup;
import static io.netloom.server.testing.TestData.createUser;
import static io.netloom.server.testing.TestData.currentUserId;
import static io.netloom.server.testing.TestData.error;
import static io.netloom.server.testing.TestData.group;
import static io.netloom.server.testing.TestData.groupNamed;
import static io.netloom.server.testing.TestData.ok;
import static io.netloom.server.testing.TestData.peerUpdate;
import static io.netloom.server.testing.TestData.policy;
import static io.netloom.server.testing.TestData.regularUser;
import static io.netloom.server.testing.TestData.rule;
import static io.netloom.server.testing.TestData.serviceUser;
import static io.netloom.server.testing.TestData.tokenRequest;
import static io.netloom.server.testing.TestData.userUpdate;
import static io.netloom.server.testing.TestData.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.netloom.server.testing.NetloomApi;
import io.netloom.server.testing.ServerTest;
import io.netloom.server.testing.TestPeers;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AuditApiTest extends ServerTest {

    @Test
    void auditWhenAccountNewThenItsCreationByTheSystemIsRecorded() {
        NetloomApi.Client owner = accounts.newAccount();
        String accountId = accountId(owner);

        List<JsonNode> events = audit(owner);

        assertThat(events).extracting(e -> e.get("activity_code").asString())
                .containsExactly("account.create", "group.add", "service.user.create", "personal.access.token.create");
        JsonNode created = events.get(0);
        assertThat(created.get("target_id").asString()).isEqualTo(accountId);
        assertThat(created.get("initiator_id").asString()).isEqualTo("system");
        assertThat(created.get("initiator_name").asString()).isEqualTo("Netloom");
        assertThat(created.get("activity").asString()).isEqualTo("Account created");
    }

    @Test
    void auditWhenResourcesChangedThroughTheApiThenEveryChangeIsRecordedInOrderWithItsInitiatorAndTarget() {
        NetloomApi.Client owner = accounts.newAccount();
        String ownerId = currentUserId(owner);
        String accountId = accountId(owner);
        String all = groupNamed(owner, "All");
        int before = audit(owner).size();

        String group = createGroup(owner, "servers");
        ok(owner.put("/api/groups/{groupId}", group("srv", List.of()), group));
        JsonNode key = ok(owner.post("/api/setup-keys", TestPeers.reusableKey("office", List.of(group)))).body();
        String keyId = key.get("id").asString();
        String peer = TestPeers.enroll(api.anonymous(), key.get("key").asString(), "box");
        ok(owner.put("/api/peers/{peerId}", with(peerUpdate("renamed box"), "ssh_enabled", true), peer));
        String policy = ok(owner.post("/api/policies", policy("p", true,
                List.of(rule("r", List.of(group), List.of(all)))))).text("id");
        ok(owner.put("/api/policies/{policyId}", policy("p", false, List.of(rule("r", List.of(group), List.of(all)))),
                policy));
        ok(owner.delete("/api/policies/{policyId}", policy));
        ok(owner.put("/api/setup-keys/{keyId}", Map.of("revoked", true, "auto_groups", List.of(group)), keyId));
        ok(owner.delete("/api/setup-keys/{keyId}", keyId));
        String bot = createUser(owner, serviceUser("bot", "user"));
        // An email of its own: only the first person with an email gets an initial password (ADR 0019).
        String ann = createUser(owner, regularUser("ann-" + System.nanoTime() + "@example.com", "user"));
        ok(owner.put("/api/users/{userId}", userUpdate("user", true), ann));
        ok(owner.put("/api/users/{userId}", userUpdate("user", false), ann));
        ok(owner.put("/api/users/{userId}", userUpdate("auditor", false), ann));
        String tokenId = ok(owner.post("/api/users/{userId}/tokens", tokenRequest("ci", 5), bot))
                .body().get("personal_access_token").get("id").asString();
        ok(owner.delete("/api/users/{userId}/tokens/{tokenId}", bot, tokenId));
        ok(owner.delete("/api/users/{userId}", bot));
        ok(owner.put("/api/accounts/{accountId}", Map.of("settings", Map.of("dns_domain", "corp.example")), accountId));
        ok(owner.delete("/api/peers/{peerId}", peer));
        ok(owner.delete("/api/groups/{groupId}", group));

        List<JsonNode> events = audit(owner);
        // Whether joining and leaving the All group is told as a line of its own is the server's choice.
        List<JsonNode> recorded = events.subList(before, events.size()).stream()
                .filter(e -> e.get("meta").get("group") == null || !e.get("meta").get("group").asString().equals(all))
                .toList();
        assertThat(recorded).extracting(e -> e.get("activity_code").asString(), e -> e.get("target_id").asString(),
                e -> e.get("initiator_id").asString()).containsExactly(
                tuple("group.add", group, ownerId),
                tuple("group.update", group, ownerId),
                tuple("setupkey.add", keyId, ownerId),
                tuple("peer.setupkey.add", peer, keyId),
                tuple("peer.group.add", peer, keyId),
                tuple("peer.rename", peer, ownerId),
                tuple("peer.ssh.enable", peer, ownerId),
                tuple("policy.add", policy, ownerId),
                tuple("policy.update", policy, ownerId),
                tuple("policy.delete", policy, ownerId),
                tuple("setupkey.revoke", keyId, ownerId),
                tuple("setupkey.delete", keyId, ownerId),
                tuple("service.user.create", bot, ownerId),
                tuple("user.create", ann, ownerId),
                tuple("user.password.change", ann, ownerId),
                tuple("user.block", ann, ownerId),
                tuple("user.unblock", ann, ownerId),
                tuple("user.role.update", ann, ownerId),
                tuple("personal.access.token.create", bot, ownerId),
                tuple("personal.access.token.delete", bot, ownerId),
                tuple("user.delete", bot, ownerId),
                tuple("account.dns.domain.update", accountId, ownerId),
                tuple("peer.group.delete", peer, ownerId),
                tuple("user.peer.delete", peer, ownerId),
                tuple("group.delete", group, ownerId));
        assertThat(recorded).filteredOn(e -> e.get("initiator_id").asString().equals(ownerId))
                .allSatisfy(e -> assertThat(e.get("initiator_name").asString()).isEqualTo("Test owner"));
        assertThat(recorded).filteredOn(e -> e.get("initiator_id").asString().equals(keyId))
                .allSatisfy(e -> assertThat(e.get("initiator_name").asString()).isEqualTo("setup key office"));
        assertThat(recorded.get(0).get("meta").get("name").asString()).isEqualTo("servers");
        assertThat(recorded.get(4).get("meta").get("group").asString()).isEqualTo(group);
        assertThat(recorded.get(15).get("meta").get("cause").asString()).as("who blocked").isEqualTo("admin");
        assertThat(recorded.get(18).get("meta").get("token_id").asString()).isEqualTo(tokenId);
        assertThat(recorded.get(21).get("meta").get("new_dns_domain").asString()).isEqualTo("corp.example");
        assertThat(recorded.get(22).get("meta").get("group").asString()).isEqualTo(group);
    }

    @Test
    void auditWhenEventsListedThenOldestFirstWithDistinctIds() {
        NetloomApi.Client owner = accounts.newAccount();
        createGroup(owner, "one");
        createGroup(owner, "two");

        List<JsonNode> events = audit(owner);

        assertThat(events).extracting(e -> e.get("id").asString()).doesNotHaveDuplicates();
        assertThat(events).extracting(e -> Long.parseLong(e.get("id").asString())).isSorted();
        assertThat(events.subList(events.size() - 2, events.size()))
                .extracting(e -> e.get("meta").get("name").asString()).containsExactly("one", "two");
    }

    @Test
    void auditWhenCommandsRejectedThenNoAuditLineIsWritten() {
        NetloomApi.Client owner = accounts.newAccount();
        String group = createGroup(owner, "servers");
        String all = groupNamed(owner, "All");
        String key = TestPeers.createReusableKey(owner, List.of(group));
        String peer = TestPeers.enroll(api.anonymous(), key, "box");
        String other = TestPeers.enroll(api.anonymous(), key, "other");
        String otherIp = ok(owner.get("/api/peers/{peerId}", other)).text("ip");
        String keyId = ok(owner.get("/api/setup-keys")).body().get(0).get("id").asString();
        String ownerId = currentUserId(owner);
        List<JsonNode> before = audit(owner);
        String unknown = UUID.randomUUID().toString();

        error(owner.post("/api/groups", group("servers", List.of())), 409);
        error(owner.post("/api/groups", group("new", List.of(unknown))), 422);
        error(owner.put("/api/groups/{groupId}", group("All renamed", List.of()), all), 412);
        error(owner.delete("/api/groups/{groupId}", all), 412);
        error(owner.delete("/api/groups/{groupId}", group), 412);
        error(owner.post("/api/setup-keys", with(TestPeers.reusableKey("k", List.of()), "expires_in", 5)), 422);
        error(owner.post("/api/setup-keys", TestPeers.reusableKey("k", List.of(unknown))), 422);
        error(owner.put("/api/peers/{peerId}", with(peerUpdate("renamed"), "ip", otherIp), peer), 409);
        error(owner.put("/api/peers/{peerId}", with(peerUpdate("renamed"), "ip", "8.8.8.8"), peer), 422);
        error(owner.post("/api/policies", policy("p", true,
                List.of(with(rule("r", List.of(group), List.of(group)), "action", "drop")))), 422);
        error(owner.post("/api/users", serviceUser("usurper", "owner")), 403);
        error(owner.put("/api/users/{userId}", userUpdate("owner", true), ownerId), 403);
        error(owner.delete("/api/users/{userId}", ownerId), 403);
        error(owner.post("/api/users/{userId}/tokens", tokenRequest("t", 400), ownerId), 422);
        error(owner.put("/api/accounts/{accountId}",
                Map.of("settings", Map.of("network_range", "10.0.0.0/8", "dns_domain", "x.example")),
                accountId(owner)), 412);
        ok(owner.put("/api/setup-keys/{keyId}", Map.of("revoked", true, "auto_groups", List.of(group)), keyId));
        List<JsonNode> afterRevoke = audit(owner);
        error(owner.put("/api/setup-keys/{keyId}", Map.of("revoked", false, "auto_groups", List.of()), keyId), 412);
        error(api.anonymous().post("/api/netloom/enroll",
                TestPeers.enrollment(key, TestPeers.newPublicKey(), "late")), 412);
        error(api.anonymous().post("/api/netloom/enroll",
                TestPeers.enrollment(UUID.randomUUID().toString().toUpperCase(), TestPeers.newPublicKey(), "x")), 401);

        assertThat(afterRevoke).hasSize(before.size() + 1);
        assertThat(audit(owner)).isEqualTo(afterRevoke);
    }

    @Test
    void auditWhenAnotherAccountChangesThingsThenNoneOfItsLinesAreShown() {
        NetloomApi.Client owner = accounts.newAccount();
        NetloomApi.Client stranger = accounts.newAccount();
        List<JsonNode> before = audit(owner);

        String strangerGroup = createGroup(stranger, "theirs");

        assertThat(audit(owner)).isEqualTo(before);
        assertThat(audit(owner)).extracting(e -> e.get("target_id").asString()).doesNotContain(strangerGroup);
        assertThat(audit(stranger)).extracting(e -> e.get("target_id").asString()).contains(strangerGroup);
    }
}
