package io.netloom.server.scim;

import static io.netloom.server.scim.ScimHttp.ok;
import static io.netloom.server.scim.ScimHttp.scimError;
import static io.netloom.server.testing.TestData.audit;
import static io.netloom.server.testing.TestData.createGroup;
import static io.netloom.server.testing.TestData.createPolicy;
import static io.netloom.server.testing.TestData.groupNamed;
import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.domain.account.CreateScimTokenCommand;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.ids.TokenId;
import io.netloom.domain.ids.UserId;
import io.netloom.projections.directory.Directory;
import io.netloom.projections.directory.IdentityLink;
import io.netloom.projections.directory.UserView;
import io.netloom.server.axon.Initiator;
import io.netloom.server.security.SecretTokens;
import io.netloom.server.testing.TestData;
import io.netloom.server.testing.TestPeers;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class ScimUsersApiTest extends ScimServerTest {

    @Autowired
    private Directory directory;

    @Test
    void createWhenValidThenIntegrationUserWithExternalIdAndMeta() {
        ScimAccount account = newScimAccount();

        ScimHttp.Response created = ok(account.scim().post("/scim/v2/Users",
                user("ann@example.com", "00u1", true)), 201);

        String id = created.text("id");
        assertThat(created.text("userName")).isEqualTo("ann@example.com");
        assertThat(created.text("externalId")).isEqualTo("00u1");
        assertThat(created.text("displayName")).isEqualTo("Ann Lee");
        assertThat(created.body().get("active").asBoolean()).isTrue();
        assertThat(created.body().get("meta").get("resourceType").asString()).isEqualTo("User");
        assertThat(created.body().get("meta").get("location").asString()).endsWith("/scim/v2/Users/" + id);
        assertThat(created.body().get("meta").get("created").asString()).isNotBlank();
        JsonNode netbirdView = TestData.ok(account.owner().get("/api/users")).body().valueStream()
                .filter(user -> user.get("id").asString().equals(id)).findFirst().orElseThrow();
        assertThat(netbirdView.get("issued").asString()).isEqualTo("integration");
        assertThat(netbirdView.get("role").asString()).isEqualTo("user");
        assertThat(ok(account.scim().get("/scim/v2/Users/" + id), 200).text("externalId")).isEqualTo("00u1");
    }

    @Test
    void createWhenUserNameTakenThenUniquenessConflictAndNothingCreated() {
        ScimAccount account = newScimAccount();
        createUser(account, "ann@example.com");
        int history = historySize(account);

        scimError(account.scim().post("/scim/v2/Users", user("ANN@example.com", "other", true)), 409, "uniqueness");

        assertThat(historySize(account)).isEqualTo(history);
        assertThat(ok(account.scim().get("/scim/v2/Users"), 200).body().get("totalResults").asInt()).isEqualTo(1);
    }

    @Test
    void listWhenFilteredByUserNameOrExternalIdThenOnlyThatUser() {
        ScimAccount account = newScimAccount();
        String ann = createUser(account, "ann@example.com");
        createUser(account, "bob@example.com");

        JsonNode byUserName = ok(account.scim().get("/scim/v2/Users?filter="
                + encoded("userName eq \"Ann@Example.com\"")), 200).body();
        JsonNode byExternalId = ok(account.scim().get("/scim/v2/Users?filter="
                + encoded("externalId eq \"ext-ann@example.com\"")), 200).body();
        JsonNode nobody = ok(account.scim().get("/scim/v2/Users?filter="
                + encoded("userName eq \"carol@example.com\"")), 200).body();

        assertThat(byUserName.get("schemas").get(0).asString())
                .isEqualTo("urn:ietf:params:scim:api:messages:2.0:ListResponse");
        assertThat(byUserName.get("totalResults").asInt()).isEqualTo(1);
        assertThat(byUserName.get("Resources").get(0).get("id").asString()).isEqualTo(ann);
        assertThat(byExternalId.get("Resources").get(0).get("id").asString()).isEqualTo(ann);
        assertThat(nobody.get("totalResults").asInt()).isZero();
        assertThat(nobody.get("Resources")).isEmpty();
    }

    @Test
    void listWhenPagedThenStartIndexAndCountApplyAndServiceUsersAreNotScimUsers() {
        ScimAccount account = newScimAccount();
        createUser(account, "a@example.com");
        createUser(account, "b@example.com");
        createUser(account, "c@example.com");

        JsonNode page = ok(account.scim().get("/scim/v2/Users?startIndex=2&count=1"), 200).body();

        assertThat(page.get("totalResults").asInt()).isEqualTo(3);
        assertThat(page.get("startIndex").asInt()).isEqualTo(2);
        assertThat(page.get("itemsPerPage").asInt()).isEqualTo(1);
        assertThat(page.get("Resources").get(0).get("userName").asString()).isEqualTo("b@example.com");
    }

    @Test
    void patchWhenEntraSendsStringFalseThenBlockedByScimAndStringTrueUnblocks() {
        ScimAccount account = newScimAccount();
        String ann = createUser(account, "ann@example.com");

        JsonNode deactivated = ok(account.scim().patch("/scim/v2/Users/" + ann,
                patch(Map.of("op", "Replace", "path", "active", "value", "False"))), 200).body();
        JsonNode activated = ok(account.scim().patch("/scim/v2/Users/" + ann,
                patch(Map.of("op", "Replace", "path", "active", "value", "True"))), 200).body();

        assertThat(deactivated.get("active").asBoolean()).isFalse();
        assertThat(activated.get("active").asBoolean()).isTrue();
        List<JsonNode> blocks = audit(account.owner()).stream()
                .filter(event -> event.get("activity_code").asString().startsWith("user.")
                        && event.get("activity_code").asString().endsWith("block"))
                .toList();
        assertThat(blocks).extracting(event -> event.get("activity_code").asString())
                .containsExactlyInAnyOrder("user.block", "user.unblock");
        assertThat(blocks).allSatisfy(event -> assertThat(event.toString()).contains("scim"));
    }

    @Test
    void patchWhenOktaSendsValueObjectThenDeactivatedAndRenamed() {
        ScimAccount account = newScimAccount();
        String ann = createUser(account, "ann@example.com");

        JsonNode patched = ok(account.scim().patch("/scim/v2/Users/" + ann, patch(Map.of("op", "replace",
                "value", Map.of("id", ann, "active", false, "displayName", "Ann Smith")))), 200).body();

        assertThat(patched.get("active").asBoolean()).isFalse();
        assertThat(patched.get("displayName").asString()).isEqualTo("Ann Smith");
    }

    @Test
    void activateWhenAnAdminBlockedTheUserThenTheAdminsBlockStays() {
        ScimAccount account = newScimAccount();
        String ann = createUser(account, "ann@example.com");
        TestData.ok(account.owner().put("/api/users/{userId}", TestData.userUpdate("user", true), ann));

        JsonNode answer = ok(account.scim().patch("/scim/v2/Users/" + ann,
                patch(Map.of("op", "replace", "path", "active", "value", true))), 200).body();

        assertThat(answer.get("active").asBoolean()).isFalse();
    }

    @Test
    void putWhenReplacedThenNameAndActiveFollowAndUserNameMustStay() {
        ScimAccount account = newScimAccount();
        String ann = createUser(account, "ann@example.com");
        Map<String, Object> replacement = Map.of("schemas", List.of(USER_SCHEMA), "userName", "ann@example.com",
                "name", Map.of("givenName", "Ann", "familyName", "Smith"), "active", false);

        JsonNode replaced = ok(account.scim().put("/scim/v2/Users/" + ann, replacement), 200).body();
        int history = historySize(account);
        scimError(account.scim().put("/scim/v2/Users/" + ann, user("new@example.com", "x", true)), 400, "mutability");

        assertThat(replaced.get("displayName").asString()).isEqualTo("Ann Smith");
        assertThat(replaced.get("active").asBoolean()).isFalse();
        assertThat(historySize(account)).isEqualTo(history);
    }

    @Test
    void deactivateWhenUserHasTwoSignedInPeersThenBothLeaveEveryMapAndActivationRestoresThem() {
        ScimAccount account = newScimAccount();
        String ann = createUser(account, "ann@example.com");
        PeerId laptop = signedInDevice(account.id(), ann, "ann-laptop");
        PeerId phone = signedInDevice(account.id(), ann, "ann-phone");
        String key = TestPeers.createReusableKey(account.owner(), List.of());
        String server = TestPeers.enroll(api.anonymous(), key, "server");
        String all = groupNamed(account.owner(), "All");
        createPolicy(account.owner(), "everyone", List.of(all), List.of(all));
        Map<String, String> addressesBefore = remoteAddresses(account, server);
        assertThat(addressesBefore).containsKeys(laptop.value(), phone.value());

        ok(account.scim().patch("/scim/v2/Users/" + ann,
                patch(Map.of("op", "replace", "path", "active", "value", false))), 200);
        Map<String, String> addressesWhileInactive = remoteAddresses(account, server);
        ok(account.scim().patch("/scim/v2/Users/" + ann,
                patch(Map.of("op", "replace", "path", "active", "value", true))), 200);

        assertThat(addressesWhileInactive).doesNotContainKeys(laptop.value(), phone.value());
        assertThat(remoteAddresses(account, server)).isEqualTo(addressesBefore);
        assertThat(remoteAddresses(account, laptop.value())).containsKey(server);
    }

    @Test
    void deleteWhenScimThenUserGoneAndRecordedWithCauseScim() {
        ScimAccount account = newScimAccount();
        String ann = createUser(account, "ann@example.com");

        assertThat(account.scim().delete("/scim/v2/Users/" + ann).status()).isEqualTo(204);

        scimError(account.scim().get("/scim/v2/Users/" + ann), 404, null);
        assertThat(audit(account.owner()).stream().filter(event -> event.get("activity_code").asString()
                .equals("user.delete"))).singleElement().satisfies(event ->
                        assertThat(event.toString()).contains("scim"));
    }

    @Test
    void deactivateOrDeleteWhenOwnerThenRefusedAndNothingChanged() {
        ScimAccount account = newScimAccountOwnedByAPerson();
        UserId owner = new UserId(TestData.currentUserId(account.owner()));
        int history = historySize(account);

        scimError(account.scim().patch("/scim/v2/Users/" + owner.value(),
                patch(Map.of("op", "replace", "path", "active", "value", false))), 400, "mutability");
        scimError(account.scim().delete("/scim/v2/Users/" + owner.value()), 409, null);

        assertThat(historySize(account)).isEqualTo(history);
        assertThat(ok(account.scim().get("/scim/v2/Users/" + owner.value()), 200).body().get("active").asBoolean())
                .isTrue();
    }

    @Test
    void createWhenTokenBoundToProviderThenFirstSignInOfThatSubjectFindsTheUser() {
        ScimAccount account = newScimAccount();
        String token = SecretTokens.newScimToken();
        commands.send(new CreateScimTokenCommand(account.id(), TokenId.random(), "okta", SecretTokens.hash(token),
                "keycloak", new UserId(TestData.currentUserId(account.owner())), Instant.now(), null),
                Initiator.SYSTEM);
        ScimHttp okta = ScimHttp.bearer(api.baseUrl(), token);

        String ann = ok(okta.post("/scim/v2/Users", user("ann@example.com", "subject-1", true)), 201).text("id");
        String bob = createUser(account, "bob@example.com");
        int history = historySize(account);
        scimError(okta.patch("/scim/v2/Users/" + bob,
                patch(Map.of("op", "replace", "path", "externalId", "value", "subject-1"))), 409, "uniqueness");

        assertThat(directory.userByIdentity(new IdentityLink(account.id(), "keycloak", "subject-1")))
                .map(UserView::id).contains(new UserId(ann));
        assertThat(historySize(account)).isEqualTo(history);
    }

    private Map<String, String> remoteAddresses(ScimAccount account, String peer) {
        JsonNode map = TestData.ok(account.owner().get("/api/peers/{peerId}/network-map", peer)).body();
        Map<String, String> addresses = new java.util.TreeMap<>();
        map.get("remote_peers").forEach(remote -> addresses.put(remote.get("id").asString(),
                remote.get("allowed_ip").asString()));
        return addresses;
    }

    static String encoded(String filter) {
        return java.net.URLEncoder.encode(filter, java.nio.charset.StandardCharsets.UTF_8);
    }
}
