package io.netloom.server.directorysync;

import static io.netloom.server.testing.TestData.accountId;
import static io.netloom.server.testing.TestData.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.server.testing.KeycloakFederatedServer;
import io.netloom.server.testing.NetloomApi;
import io.netloom.server.testing.TestPeers;
import io.netloom.testsupport.keycloak.KeycloakAdmin;
import io.netloom.testsupport.keycloak.Person;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * The directory sync against a real Keycloak (ADR 0028): people sign in through the shared Keycloak federated into
 * Netloom, each enrolls a device, and the test changes them in Keycloak and runs the sync directly (its own
 * schedule is an hour, so that only the test's runs count).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DirectorySyncKeycloakTest {

    private static final String REALM = "directory-sync";
    private static final String SYNC_CLIENT = "netloom-directory";
    private static final String SYNC_SECRET = "directory-secret-" + System.nanoTime();
    private static final Person ALICE = new Person("alice", "alice-password-1", "alice@example.com", "Alice", "Leaver");
    private static final Person BOB = new Person("bob", "bob-password-1", "bob@example.com", "Bob", "Deleted");
    private static final Person CAROL = new Person("carol", "carol-password-1", "carol@example.com", "Carol", "Mover");
    private static final Person DAN = new Person("dan", "dan-password-1", "dan@example.com", "Dan", "Stayer");

    private static final int EXTRA_PEOPLE = 40;

    private KeycloakFederatedServer federation;
    private KeycloakAdmin keycloakAdmin;
    private NetloomApi.Client owner;
    private DirectorySyncTasks sync;
    private NetloomApi api;
    private final Map<Person, String> devices = new HashMap<>();
    private final Map<Person, String> tokens = new HashMap<>();

    @BeforeAll
    void start() {
        federation = KeycloakFederatedServer.createRealm(REALM);
        keycloakAdmin = federation.keycloakAdmin();
        keycloakAdmin.createDirectoryReader(REALM, SYNC_CLIENT, SYNC_SECRET);
        keycloakAdmin.createGroup(REALM, "Engineering");
        for (Person person : List.of(ALICE, BOB, CAROL, DAN)) {
            keycloakAdmin.createUser(REALM, person);
        }
        // People who never signed in to Netloom, so that a run reads a directory of some size (its printed time).
        keycloakAdmin.createGroup(REALM, "Sales");
        for (int i = 0; i < EXTRA_PEOPLE; i++) {
            keycloakAdmin.createUser(REALM, new Person("extra" + i, "extra-password-" + i, "extra" + i
                    + "@example.com", "Extra", "Person" + i), i % 2 == 0 ? "Engineering" : "Sales");
        }
        String offline = "netloom.identity.providers.offline.";
        URI closedPort = KeycloakFederatedServer.unreachableUrl();
        federation.start(
                KeycloakFederatedServer.providerProperty("directory-sync.type=keycloak"),
                KeycloakFederatedServer.providerProperty("directory-sync.server-url="
                        + federation.keycloak().baseUrl()),
                KeycloakFederatedServer.providerProperty("directory-sync.realm=" + REALM),
                KeycloakFederatedServer.providerProperty("directory-sync.client-id=" + SYNC_CLIENT),
                KeycloakFederatedServer.providerProperty("directory-sync.client-secret=" + SYNC_SECRET),
                KeycloakFederatedServer.providerProperty("directory-sync.interval=1h"),
                // Nothing listens there: a directory that is down from the start.
                offline + "issuer-uri=" + closedPort + "/realms/gone",
                offline + "client-id=netloom",
                offline + "client-secret=unused-secret",
                offline + "directory-sync.type=keycloak",
                offline + "directory-sync.server-url=" + closedPort,
                offline + "directory-sync.realm=gone",
                offline + "directory-sync.client-id=netloom-directory",
                offline + "directory-sync.client-secret=unused-directory-secret",
                offline + "directory-sync.interval=1h");
        api = federation.api();
        owner = federation.owner();
        ok(owner.put("/api/accounts/{accountId}", Map.of("settings", Map.of("jwt_groups_enabled", true,
                "jwt_groups_claim_name", "groups", "jwt_allow_groups", List.of())), accountId(owner)));
        for (Person person : List.of(ALICE, BOB, CAROL, DAN)) {
            String token = federation.signIns().signIn(person);
            tokens.put(person, token);
            JsonNode enrolled = ok(api.withBearer(token).post("/api/netloom/enroll", Map.of(
                    "wireguard_public_key", TestPeers.newPublicKey(), "hostname", person.username() + "-laptop",
                    "os", "linux", "kernel_version", "6.1.0", "daemon_version", "0.1.0"))).body();
            devices.put(person, enrolled.get("peer_id").asString());
        }
        sync = federation.server().getBean(DirectorySyncTasks.class);
        assertThat(runKeycloak().linked()).isEqualTo(4);
    }

    @AfterAll
    void stop() {
        if (federation != null) {
            federation.close();
        }
    }

    @Test
    void runWhenDisabledInKeycloakThenBlockedAndWhenEnabledAgainThenUnblocked() {
        keycloakAdmin.setEnabled(REALM, ALICE.username(), false);

        DirectorySyncOutcome disabled = runKeycloak();

        assertThat(disabled.blocked()).isEqualTo(1);
        assertThat(user(ALICE).get("is_blocked").asBoolean()).isTrue();
        assertThat(user(DAN).get("is_blocked").asBoolean()).isFalse();
        assertThat(runKeycloak().blocked()).as("a steady state changes nothing").isZero();

        keycloakAdmin.setEnabled(REALM, ALICE.username(), true);
        DirectorySyncOutcome enabled = runKeycloak();

        assertThat(enabled.unblocked()).isEqualTo(1);
        assertThat(user(ALICE).get("is_blocked").asBoolean()).isFalse();
        assertThat(ok(owner.get("/api/peers/{peerId}", devices.get(ALICE))).body().get("user_id").asString())
                .isEqualTo(user(ALICE).get("id").asString());
    }

    @Test
    void runWhenEnabledButAnAdminBlockedThenTheAdminsBlockStays() {
        String dan = user(DAN).get("id").asString();
        ok(owner.put("/api/users/{userId}", Map.of("role", "user", "auto_groups", List.of(), "is_blocked", true), dan));

        DirectorySyncOutcome outcome = runKeycloak();

        assertThat(outcome.unblocked()).isZero();
        assertThat(user(DAN).get("is_blocked").asBoolean()).isTrue();
        ok(owner.put("/api/users/{userId}", Map.of("role", "user", "auto_groups", List.of(), "is_blocked", false),
                dan));
    }

    @Test
    void runWhenDeletedInKeycloakThenBlocked() {
        keycloakAdmin.deleteUser(REALM, BOB.username());

        DirectorySyncOutcome outcome = runKeycloak();

        assertThat(outcome.blocked()).isEqualTo(1);
        assertThat(user(BOB).get("is_blocked").asBoolean()).isTrue();
        assertThat(user(DAN).get("is_blocked").asBoolean()).isFalse();
    }

    @Test
    void runWhenJoinedAndLeftAKeycloakGroupThenTheUsersPeerFollows() {
        keycloakAdmin.joinGroup(REALM, CAROL.username(), "Engineering");

        DirectorySyncOutcome joined = runKeycloak();

        assertThat(joined.groupsChanged()).isEqualTo(1);
        assertThat(groupNames(devices.get(CAROL))).contains("Engineering");
        assertThat(groupNames(devices.get(DAN))).doesNotContain("Engineering");
        assertThat(runKeycloak().groupsChanged()).as("a steady state changes nothing").isZero();

        keycloakAdmin.leaveGroup(REALM, CAROL.username(), "Engineering");
        runKeycloak();

        assertThat(groupNames(devices.get(CAROL))).doesNotContain("Engineering");
    }

    @Test
    void statusWhenNotAnAdminThenForbidden() {
        assertThat(api.withBearer(tokens.get(CAROL)).get("/api/netloom/directory-sync").status()).isEqualTo(403);
        assertThat(api.anonymous().get("/api/netloom/directory-sync").status()).isEqualTo(401);
    }

    @Test
    void runWhenDirectoryUnreachableThenErrorReportedToAdminsAndNothingChanges() {
        DirectorySyncOutcome down = sync.runNow("offline").orElseThrow();

        assertThat(down.succeeded()).isFalse();
        assertThat(down.error()).contains("Connect");
        runKeycloak();
        JsonNode status = ok(owner.get("/api/netloom/directory-sync")).body();
        assertThat(status.valueStream().map(run -> run.get("provider").asString())).containsExactly("keycloak",
                "offline");
        JsonNode offlineRun = status.get(1);
        assertThat(offlineRun.get("error").asString()).isEqualTo(down.error());
        assertThat(offlineRun.toString()).doesNotContain("unused-directory-secret");
        assertThat(status.get(0).has("error")).isFalse();
        assertThat(status.get(0).get("users_seen").asInt()).isGreaterThanOrEqualTo(EXTRA_PEOPLE + 3);
    }

    private DirectorySyncOutcome runKeycloak() {
        DirectorySyncOutcome outcome = sync.runNow("keycloak").orElseThrow();
        assertThat(outcome.error()).isNull();
        assertThat(outcome.failed()).isZero();
        System.out.println("directory sync run: " + outcome);
        return outcome;
    }

    private JsonNode user(Person person) {
        return ok(owner.get("/api/users")).body().valueStream()
                .filter(user -> person.email().equals(user.get("email").asString()))
                .findFirst().orElseThrow();
    }

    private List<String> groupNames(String peerId) {
        return ok(owner.get("/api/peers/{peerId}", peerId)).body().get("groups").valueStream()
                .map(group -> group.get("name").asString()).toList();
    }
}
