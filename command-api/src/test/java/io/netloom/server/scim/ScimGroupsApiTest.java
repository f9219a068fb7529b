package io.netloom.server.scim;

import static io.netloom.server.scim.ScimHttp.ok;
import static io.netloom.server.scim.ScimHttp.scimError;
import static io.netloom.server.testing.TestData.createPolicy;
import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.domain.ids.PeerId;
import io.netloom.server.testing.TestData;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ScimGroupsApiTest extends ScimServerTest {

    @Test
    void createWhenMembersGivenThenUsersAndTheirSignedInPeersJoin() {
        ScimAccount account = newScimAccount();
        String ann = createUser(account, "ann@example.com");
        PeerId laptop = signedInDevice(account.id(), ann, "ann-laptop");

        ScimHttp.Response created = ok(account.scim().post("/scim/v2/Groups", group("Engineering", ann)), 201);

        String id = created.text("id");
        assertThat(created.body().get("members").findValuesAsString("value")).containsExactly(ann);
        assertThat(created.body().get("meta").get("resourceType").asString()).isEqualTo("Group");
        assertThat(peerGroups(account, laptop.value())).contains("Engineering");
        JsonNode netbirdGroup = TestData.ok(account.owner().get("/api/groups/{groupId}", id)).body();
        assertThat(netbirdGroup.get("issued").asString()).isEqualTo("integration");
        JsonNode annAsScimUser = ok(account.scim().get("/scim/v2/Users/" + ann), 200).body();
        assertThat(annAsScimUser.get("groups").findValuesAsString("value")).containsExactly(id);
    }

    @Test
    void patchWhenMemberRemovedByValueFilterPathThenTheirPeersLeaveAndAddBringsThemBack() {
        ScimAccount account = newScimAccount();
        String ann = createUser(account, "ann@example.com");
        String bob = createUser(account, "bob@example.com");
        PeerId laptop = signedInDevice(account.id(), ann, "ann-laptop");
        String id = ok(account.scim().post("/scim/v2/Groups", group("Engineering", ann, bob)), 201).text("id");

        JsonNode removed = ok(account.scim().patch("/scim/v2/Groups/" + id, patch(Map.of("op", "remove",
                "path", "members[value eq \"" + ann + "\"]"))), 200).body();
        List<String> groupsWhileRemoved = peerGroups(account, laptop.value());
        JsonNode added = ok(account.scim().patch("/scim/v2/Groups/" + id, patch(Map.of("op", "add",
                "path", "members", "value", List.of(Map.of("value", ann))))), 200).body();

        assertThat(removed.get("members").findValuesAsString("value")).containsExactly(bob);
        assertThat(groupsWhileRemoved).doesNotContain("Engineering");
        assertThat(added.get("members").findValuesAsString("value")).containsExactlyInAnyOrder(ann, bob);
        assertThat(peerGroups(account, laptop.value())).contains("Engineering");
    }

    @Test
    void patchWhenDisplayNameReplacedWithOrWithoutPathThenRenamed() {
        ScimAccount account = newScimAccount();
        String id = ok(account.scim().post("/scim/v2/Groups", group("Eng")), 201).text("id");

        ok(account.scim().patch("/scim/v2/Groups/" + id,
                patch(Map.of("op", "replace", "path", "displayName", "value", "Engineering"))), 200);
        JsonNode renamed = ok(account.scim().patch("/scim/v2/Groups/" + id, patch(Map.of("op", "replace",
                "value", Map.of("id", id, "displayName", "R&D", "externalId", "okta-1")))), 200).body();

        assertThat(renamed.get("displayName").asString()).isEqualTo("R&D");
        assertThat(renamed.get("externalId").asString()).isEqualTo("okta-1");
        assertThat(TestData.groupNamed(account.owner(), "R&D")).isEqualTo(id);
    }

    @Test
    void listWhenFilteredByDisplayNameOrExternalIdThenOnlyThatGroupAndNeverAll() {
        ScimAccount account = newScimAccount();
        String eng = ok(account.scim().post("/scim/v2/Groups", Map.of("schemas", List.of(GROUP_SCHEMA),
                "displayName", "Engineering", "externalId", "g-1")), 201).text("id");
        ok(account.scim().post("/scim/v2/Groups", group("Sales")), 201);

        JsonNode byName = ok(account.scim().get("/scim/v2/Groups?excludedAttributes=members&filter="
                + ScimUsersApiTest.encoded("displayName eq \"Engineering\"")), 200).body();
        JsonNode byExternalId = ok(account.scim().get("/scim/v2/Groups?filter="
                + ScimUsersApiTest.encoded("externalId eq \"g-1\"")), 200).body();
        JsonNode all = ok(account.scim().get("/scim/v2/Groups"), 200).body();

        assertThat(byName.get("Resources").findValuesAsString("id")).containsExactly(eng);
        assertThat(byName.get("Resources").get(0).has("members")).isFalse();
        assertThat(byExternalId.get("Resources").findValuesAsString("id")).containsExactly(eng);
        assertThat(all.get("Resources").findValuesAsString("displayName")).containsExactly("Engineering", "Sales");
    }

    @Test
    void createWhenNameTakenThenUniquenessAndNothingCreated() {
        ScimAccount account = newScimAccount();
        ok(account.scim().post("/scim/v2/Groups", group("Engineering")), 201);
        int history = historySize(account);

        scimError(account.scim().post("/scim/v2/Groups", group("Engineering")), 409, "uniqueness");

        assertThat(historySize(account)).isEqualTo(history);
    }

    @Test
    void deleteWhenMembersOnlyThenGroupGoneAndMembersLeftIt() {
        ScimAccount account = newScimAccount();
        String ann = createUser(account, "ann@example.com");
        PeerId laptop = signedInDevice(account.id(), ann, "ann-laptop");
        String id = ok(account.scim().post("/scim/v2/Groups", group("Engineering", ann)), 201).text("id");

        assertThat(account.scim().delete("/scim/v2/Groups/" + id).status()).isEqualTo(204);

        scimError(account.scim().get("/scim/v2/Groups/" + id), 404, null);
        assertThat(ok(account.scim().get("/scim/v2/Users/" + ann), 200).body().get("groups")).isEmpty();
        assertThat(peerGroups(account, laptop.value())).doesNotContain("Engineering");
    }

    @Test
    void deleteWhenUsedByPolicyThenConflictAndNothingChanged() {
        ScimAccount account = newScimAccount();
        String ann = createUser(account, "ann@example.com");
        String id = ok(account.scim().post("/scim/v2/Groups", group("Engineering", ann)), 201).text("id");
        createPolicy(account.owner(), "eng", List.of(id), List.of(id));
        int history = historySize(account);

        ScimHttp.Response refused = scimError(account.scim().delete("/scim/v2/Groups/" + id), 409, null);

        assertThat(refused.text("detail")).contains("policy \"eng\"");
        assertThat(historySize(account)).isEqualTo(history);
        assertThat(ok(account.scim().get("/scim/v2/Groups/" + id), 200).body().get("members")
                .findValuesAsString("value")).containsExactly(ann);
    }

    @Test
    void patchWhenMemberIsNoUserOfTheAccountThenInvalidValueAndNothingChanged() {
        ScimAccount account = newScimAccount();
        ScimAccount other = newScimAccount();
        String stranger = createUser(other, "eve@example.com");
        String id = ok(account.scim().post("/scim/v2/Groups", group("Engineering")), 201).text("id");
        int history = historySize(account);

        scimError(account.scim().patch("/scim/v2/Groups/" + id, patch(Map.of("op", "add", "path", "members",
                "value", List.of(Map.of("value", stranger))))), 400, "invalidValue");

        assertThat(historySize(account)).isEqualTo(history);
        assertThat(historySize(other)).isEqualTo(historySize(other));
    }

    private static List<String> peerGroups(ScimAccount account, String peer) {
        return TestData.ok(account.owner().get("/api/peers/{peerId}", peer)).body().get("groups")
                .findValuesAsString("name");
    }
}
