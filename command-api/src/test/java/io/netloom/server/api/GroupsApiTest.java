package io.netloom.server.api;

import static io.netloom.server.testing.TestData.createGroup;
import static io.netloom.server.testing.TestData.createPolicy;
import static io.netloom.server.testing.TestData.createUser;
import static io.netloom.server.testing.TestData.error;
import static io.netloom.server.testing.TestData.group;
import static io.netloom.server.testing.TestData.groupNamed;
import static io.netloom.server.testing.TestData.ids;
import static io.netloom.server.testing.TestData.ok;
import static io.netloom.server.testing.TestData.regularUser;
import static io.netloom.server.testing.TestData.with;
import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.server.testing.NetloomApi;
import io.netloom.server.testing.ServerTest;
import io.netloom.server.testing.TestPeers;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class GroupsApiTest extends ServerTest {

    @Test
    void listWhenAccountNewThenOnlyTheAllGroup() {
        NetloomApi.Client owner = accounts.newAccount();

        JsonNode groups = ok(owner.get("/api/groups")).body();

        assertThat(groups).hasSize(1);
        assertThat(groups.get(0).get("name").asString()).isEqualTo("All");
        assertThat(groups.get(0).get("peers_count").asInt()).isZero();
    }

    @Test
    void createWhenValidThenListedAndReadableWithItsMembers() {
        NetloomApi.Client owner = accounts.newAccount();
        String key = TestPeers.createReusableKey(owner, List.of());
        String a = TestPeers.enroll(api.anonymous(), key, "a");
        TestPeers.enroll(api.anonymous(), key, "b");

        JsonNode created = ok(owner.post("/api/groups", group("servers", List.of(a)))).body();

        String id = created.get("id").asString();
        assertThat(created.get("name").asString()).isEqualTo("servers");
        assertThat(created.get("peers_count").asInt()).isEqualTo(1);
        assertThat(created.get("peers").findValuesAsString("id")).containsExactly(a);
        assertThat(ids(owner.get("/api/groups"))).contains(id).hasSize(2);
        JsonNode read = ok(owner.get("/api/groups/{groupId}", id)).body();
        assertThat(read.get("name").asString()).isEqualTo("servers");
        assertThat(read.get("peers").findValuesAsString("name")).containsExactly("a");
        assertThat(ok(owner.get("/api/peers/{peerId}", a)).body().get("groups").findValuesAsString("name"))
                .containsExactlyInAnyOrder("All", "servers");
    }

    @Test
    void createWhenPeersOmittedThenGroupIsEmpty() {
        NetloomApi.Client owner = accounts.newAccount();

        JsonNode created = ok(owner.post("/api/groups", Map.of("name", "empty"))).body();

        assertThat(created.get("peers_count").asInt()).isZero();
        assertThat(created.get("peers")).isEmpty();
    }

    @Test
    void createWhenNameTakenThenConflictAndNoSecondGroup() {
        NetloomApi.Client owner = accounts.newAccount();
        createGroup(owner, "servers");

        error(owner.post("/api/groups", group("servers", List.of())), 409);
        error(owner.post("/api/groups", group("  servers ", List.of())), 409);
        error(owner.post("/api/groups", group("All", List.of())), 409);

        assertThat(ok(owner.get("/api/groups")).body()).hasSize(2);
    }

    @Test
    void createWhenNameEmptyThenUnprocessable() {
        NetloomApi.Client owner = accounts.newAccount();

        error(owner.post("/api/groups", group("   ", List.of())), 422);

        assertThat(ok(owner.get("/api/groups")).body()).hasSize(1);
    }

    @Test
    void createWhenMemberPeerUnknownThenUnprocessableAndNothingCreated() {
        NetloomApi.Client owner = accounts.newAccount();
        String unknown = UUID.randomUUID().toString();

        NetloomApi.Response response = owner.post("/api/groups", group("servers", List.of(unknown)));

        error(response, 422);
        assertThat(response.text("message")).contains(unknown);
        assertThat(ok(owner.get("/api/groups")).body()).hasSize(1);
    }

    @Test
    void updateWhenNameAndMembersChangedThenBothAreShown() {
        NetloomApi.Client owner = accounts.newAccount();
        String key = TestPeers.createReusableKey(owner, List.of());
        String a = TestPeers.enroll(api.anonymous(), key, "a");
        String b = TestPeers.enroll(api.anonymous(), key, "b");
        String id = createGroup(owner, "servers", a);

        JsonNode updated = ok(owner.put("/api/groups/{groupId}", group("databases", List.of(b)), id)).body();

        assertThat(updated.get("name").asString()).isEqualTo("databases");
        assertThat(updated.get("peers").findValuesAsString("id")).containsExactly(b);
        JsonNode read = ok(owner.get("/api/groups/{groupId}", id)).body();
        assertThat(read.get("name").asString()).isEqualTo("databases");
        assertThat(read.get("peers_count").asInt()).isEqualTo(1);
        assertThat(ok(owner.get("/api/peers/{peerId}", a)).body().get("groups").findValuesAsString("name"))
                .containsExactly("All");
    }

    @Test
    void updateWhenPeersOmittedThenMembersKept() {
        NetloomApi.Client owner = accounts.newAccount();
        String a = TestPeers.enroll(api.anonymous(), TestPeers.createReusableKey(owner, List.of()), "a");
        String id = createGroup(owner, "servers", a);

        JsonNode updated = ok(owner.put("/api/groups/{groupId}", Map.of("name", "renamed"), id)).body();

        assertThat(updated.get("peers").findValuesAsString("id")).containsExactly(a);
    }

    @Test
    void updateWhenNameOfAnotherGroupThenConflictAndUnchanged() {
        NetloomApi.Client owner = accounts.newAccount();
        createGroup(owner, "servers");
        String id = createGroup(owner, "desktops");

        error(owner.put("/api/groups/{groupId}", group("servers", List.of()), id), 409);

        assertThat(ok(owner.get("/api/groups/{groupId}", id)).text("name")).isEqualTo("desktops");
    }

    @Test
    void updateWhenMemberPeerUnknownThenUnprocessableAndMembersUnchanged() {
        NetloomApi.Client owner = accounts.newAccount();
        String a = TestPeers.enroll(api.anonymous(), TestPeers.createReusableKey(owner, List.of()), "a");
        String id = createGroup(owner, "servers", a);

        error(owner.put("/api/groups/{groupId}", group("servers", List.of(a, UUID.randomUUID().toString())), id), 422);

        assertThat(ok(owner.get("/api/groups/{groupId}", id)).body().get("peers").findValuesAsString("id"))
                .containsExactly(a);
    }

    @Test
    void updateWhenAllGroupThenPreconditionFailedAndUnchanged() {
        NetloomApi.Client owner = accounts.newAccount();
        String a = TestPeers.enroll(api.anonymous(), TestPeers.createReusableKey(owner, List.of()), "a");
        String all = groupNamed(owner, "All");

        error(owner.put("/api/groups/{groupId}", group("Everyone", List.of()), all), 412);
        error(owner.put("/api/groups/{groupId}", group("All", List.of()), all), 412);

        JsonNode read = ok(owner.get("/api/groups/{groupId}", all)).body();
        assertThat(read.get("name").asString()).isEqualTo("All");
        assertThat(read.get("peers").findValuesAsString("id")).containsExactly(a);
    }

    @Test
    void deleteWhenAllGroupThenPreconditionFailedAndStillThere() {
        NetloomApi.Client owner = accounts.newAccount();
        String all = groupNamed(owner, "All");

        error(owner.delete("/api/groups/{groupId}", all), 412);

        ok(owner.get("/api/groups/{groupId}", all));
    }

    @Test
    void deleteWhenUnreferencedThenGoneAndItsPeersRemain() {
        NetloomApi.Client owner = accounts.newAccount();
        String a = TestPeers.enroll(api.anonymous(), TestPeers.createReusableKey(owner, List.of()), "a");
        String id = createGroup(owner, "servers", a);

        ok(owner.delete("/api/groups/{groupId}", id));

        error(owner.get("/api/groups/{groupId}", id), 404);
        assertThat(ids(owner.get("/api/groups"))).doesNotContain(id);
        assertThat(ok(owner.get("/api/peers/{peerId}", a)).body().get("groups").findValuesAsString("name"))
                .containsExactly("All");
        error(owner.delete("/api/groups/{groupId}", id), 404);
    }

    @Test
    void deleteWhenReferencedByPolicyThenPreconditionFailedNamingItUntilPolicyDeleted() {
        NetloomApi.Client owner = accounts.newAccount();
        String id = createGroup(owner, "servers");
        String policy = createPolicy(owner, "web access", List.of(id), List.of(groupNamed(owner, "All")));

        NetloomApi.Response refused = owner.delete("/api/groups/{groupId}", id);

        error(refused, 412);
        assertThat(refused.text("message")).contains("policy \"web access\"");
        ok(owner.get("/api/groups/{groupId}", id));
        ok(owner.delete("/api/policies/{policyId}", policy));
        ok(owner.delete("/api/groups/{groupId}", id));
        error(owner.get("/api/groups/{groupId}", id), 404);
    }

    @Test
    void deleteWhenReferencedBySetupKeyThenPreconditionFailedNamingItUntilKeyNoLongerUsesIt() {
        NetloomApi.Client owner = accounts.newAccount();
        String id = createGroup(owner, "servers");
        String keyId = ok(owner.post("/api/setup-keys", TestPeers.reusableKey("office key", List.of(id)))).text("id");

        NetloomApi.Response refused = owner.delete("/api/groups/{groupId}", id);

        error(refused, 412);
        assertThat(refused.text("message")).contains("setup key \"office key\"");
        ok(owner.put("/api/setup-keys/{keyId}", Map.of("revoked", false, "auto_groups", List.of()), keyId));
        ok(owner.delete("/api/groups/{groupId}", id));
        error(owner.get("/api/groups/{groupId}", id), 404);
    }

    @Test
    void deleteWhenReferencedByUserAutoGroupsThenPreconditionFailedNamingTheUser() {
        NetloomApi.Client owner = accounts.newAccount();
        String id = createGroup(owner, "staff");
        String user = createUser(owner, with(
                regularUser("ann@example.com", "user"), "auto_groups", List.of(id)));

        NetloomApi.Response refused = owner.delete("/api/groups/{groupId}", id);

        error(refused, 412);
        assertThat(refused.text("message")).contains(user);
        ok(owner.delete("/api/users/{userId}", user));
        ok(owner.delete("/api/groups/{groupId}", id));
    }

    @Test
    void getWhenGroupUnknownThenNotFound() {
        NetloomApi.Client owner = accounts.newAccount();
        String unknown = UUID.randomUUID().toString();

        error(owner.get("/api/groups/{groupId}", unknown), 404);
        error(owner.put("/api/groups/{groupId}", group("x", List.of()), unknown), 404);
        error(owner.delete("/api/groups/{groupId}", unknown), 404);
    }
}
