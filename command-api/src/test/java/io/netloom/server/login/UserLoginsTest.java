package io.netloom.server.login;

import static io.netloom.server.testing.TestData.accountId;
import static io.netloom.server.testing.TestData.audit;
import static io.netloom.server.testing.TestData.auditCodes;
import static io.netloom.server.testing.TestData.createGroup;
import static io.netloom.server.testing.TestData.createPolicy;
import static io.netloom.server.testing.TestData.createUser;
import static io.netloom.server.testing.TestData.currentUserId;
import static io.netloom.server.testing.TestData.ok;
import static io.netloom.server.testing.TestData.regularUser;
import static io.netloom.server.testing.TestData.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.common.RejectionReason;
import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.ids.UserId;
import io.netloom.domain.user.GroupsClaim;
import io.netloom.domain.user.RecordUserLoginCommand;
import io.netloom.domain.user.SignInGate;
import io.netloom.server.axon.Commands;
import io.netloom.server.axon.Initiator;
import io.netloom.server.testing.NetloomApi;
import io.netloom.server.testing.ServerTest;
import io.netloom.server.testing.TestPeers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Groups from the identity provider at sign-in, as NetBird syncs them, on the real server. */
class UserLoginsTest extends ServerTest {

    @Autowired
    private Commands commands;

    @Autowired
    private UserLogins logins;

    private NetloomApi.Client owner;
    private AccountId account;
    private UserId alice;
    private String devs;
    private PeerId laptop;
    private String server;
    private String servers;

    @BeforeEach
    void setUp() {
        owner = accounts.newAccount();
        account = new AccountId(accountId(owner));
        settings(Map.of("jwt_groups_enabled", true, "jwt_groups_claim_name", "groups"));
        devs = createGroup(owner, "Devs");
        alice = new UserId(createUser(owner,
                with(regularUser("alice@example.com", "user"), "auto_groups", List.of(devs))));
        laptop = new UserDevices(commands).enroll(account, alice, "laptop", Instant.now());
        server = TestPeers.enroll(api.anonymous(), TestPeers.createReusableKey(owner, List.of()), "server");
        servers = createGroup(owner, "Servers", server);
    }

    private void settings(Map<String, Object> settings) {
        ok(owner.put("/api/accounts/{accountId}", Map.of("settings", settings), account.value()));
    }

    private void signIn(List<String> claim) {
        logins.record(new RecordUserLoginCommand(account, alice, laptop, GroupsClaim.of(claim), Instant.now()),
                new Initiator(alice.value()));
    }

    private JsonNode group(String name) {
        return ok(owner.get("/api/groups")).body().valueStream()
                .filter(group -> group.get("name").asString().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no group named " + name));
    }

    private List<String> groupNames() {
        return ok(owner.get("/api/groups")).body().valueStream().map(group -> group.get("name").asString()).toList();
    }

    private List<String> autoGroupsOfAlice() {
        JsonNode user = ok(owner.get("/api/users")).body().valueStream()
                .filter(candidate -> candidate.get("id").asString().equals(alice.value()))
                .findFirst().orElseThrow();
        return user.get("auto_groups").valueStream().map(JsonNode::asString).toList();
    }

    private List<String> membersOf(String groupName) {
        return group(groupName).get("peers").valueStream().map(peer -> peer.get("id").asString()).toList();
    }

    private List<String> accessibleFrom(String peer) {
        return ok(owner.get("/api/peers/{peerId}/accessible-peers", peer)).body().valueStream()
                .map(remote -> remote.get("id").asString()).toList();
    }

    @Test
    void recordWhenClaimNamesNewGroupThenCreatedIssuedJwtAndUserAndDevicesJoin() {
        signIn(List.of("Engineering"));

        JsonNode engineering = group("Engineering");
        assertThat(engineering.get("issued").asString()).isEqualTo("jwt");
        assertThat(membersOf("Engineering")).containsExactly(laptop.value());
        assertThat(autoGroupsOfAlice()).containsExactlyInAnyOrder(devs, engineering.get("id").asString());
        assertThat(group("Devs").get("issued").asString()).isEqualTo("api");
        assertThat(auditCodes(owner)).contains("user.peer.login", "user.group.add");
    }

    @Test
    void recordWhenPolicyOnClaimedGroupThenAppliesAtOnceAndSignInWithoutItRevokes() {
        signIn(List.of("Engineering"));
        createPolicy(owner, "engineering to servers", List.of(group("Engineering").get("id").asString()),
                List.of(servers));
        assertThat(accessibleFrom(laptop.value())).containsExactly(server);

        signIn(List.of("Interns"));

        assertThat(accessibleFrom(laptop.value())).isEmpty();
        assertThat(membersOf("Engineering")).isEmpty();
        assertThat(membersOf("Interns")).containsExactly(laptop.value());
        assertThat(autoGroupsOfAlice()).containsExactlyInAnyOrder(devs, group("Interns").get("id").asString());

        signIn(List.of("Interns", "Engineering"));

        assertThat(accessibleFrom(laptop.value())).containsExactly(server);
        assertThat(groupNames().stream().filter("Engineering"::equals)).hasSize(1);
    }

    @Test
    void recordWhenClaimNamesAdministratorsGroupThenPassedOver() {
        signIn(List.of("Servers", "Devs"));

        assertThat(membersOf("Servers")).containsExactly(server);
        assertThat(autoGroupsOfAlice()).containsExactly(devs);
        assertThat(group("Servers").get("issued").asString()).isEqualTo("api");
    }

    @Test
    void recordWhenClaimAbsurdThenIgnoredWithoutErrorAndGroupsKept() {
        signIn(List.of("Engineering"));
        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i <= GroupsClaim.MAX_ENTRIES; i++) {
            tooMany.add("group " + i);
        }

        signIn(tooMany);
        signIn(List.of("x".repeat(10_000)));
        logins.record(new RecordUserLoginCommand(account, alice, laptop, GroupsClaim.fromToken(Map.of("a", 1)),
                Instant.now()), new Initiator(alice.value()));

        assertThat(membersOf("Engineering")).containsExactly(laptop.value());
        assertThat(groupNames()).doesNotContain("group 0");
        assertThat(audit(owner)).filteredOn(entry -> entry.get("meta").has("groups_claim_ignored"))
                .extracting(entry -> entry.get("meta").get("groups_claim_ignored").asString())
                .containsExactly("it names 1001 groups, more than 1000", "a group name is longer than 255 characters",
                        "it is neither a list of group names nor one name");
    }

    @Test
    void recordWhenJwtGroupsDisabledThenClaimChangesNothing() {
        settings(Map.of("jwt_groups_enabled", false));

        signIn(List.of("Engineering"));

        assertThat(groupNames()).doesNotContain("Engineering");
        assertThat(autoGroupsOfAlice()).containsExactly(devs);
    }

    @Test
    void recordWhenDeviceIsAnotherUsersThenNotFoundAndNothingChanges() {
        UserId bob = new UserId(createUser(owner, regularUser("bob@example.com", "user")));

        assertThatThrownBy(() -> logins.record(new RecordUserLoginCommand(account, bob, laptop,
                GroupsClaim.of(List.of("Engineering")), Instant.now()), new Initiator(bob.value())))
                .isInstanceOfSatisfying(CommandRejectedException.class,
                        rejection -> assertThat(rejection.reason()).isEqualTo(RejectionReason.NOT_FOUND));
        assertThat(groupNames()).doesNotContain("Engineering");
    }

    @Test
    void refusalWhenOutsideAllowGroupsThenRefusedUnlessOwnerOrToken() {
        settings(Map.of("jwt_allow_groups", List.of("Staff")));
        UserId ownerId = new UserId(currentUserId(owner));

        assertThat(logins.refusal(account, alice, false, GroupsClaim.of(List.of("Interns"))))
                .contains(SignInGate.REFUSAL);
        assertThat(logins.refusal(account, alice, false, GroupsClaim.of(List.of("Staff")))).isEmpty();
        assertThat(logins.refusal(account, alice, true, GroupsClaim.of(null))).isEmpty();
        assertThat(logins.refusal(account, ownerId, false, GroupsClaim.of(null))).isEqualTo(Optional.empty());
    }

    @Test
    void accountSettingsWhenJwtGroupsSetThenReturnedAsNetBirdNamesThem() {
        settings(Map.of("jwt_allow_groups", List.of("Staff", "Admins")));

        JsonNode settings = ok(owner.get("/api/accounts")).body().get(0).get("settings");
        assertThat(settings.get("jwt_groups_enabled").asBoolean()).isTrue();
        assertThat(settings.get("jwt_groups_claim_name").asString()).isEqualTo("groups");
        assertThat(settings.get("jwt_allow_groups").valueStream().map(JsonNode::asString).toList())
                .containsExactly("Staff", "Admins");
    }
}
