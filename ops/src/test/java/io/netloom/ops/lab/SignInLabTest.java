package io.netloom.ops.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.netloom.testsupport.browser.HeadlessChromium;
import io.netloom.testsupport.keycloak.ConfidentialClient;
import io.netloom.testsupport.keycloak.KeycloakAdmin;
import io.netloom.testsupport.keycloak.KeycloakServer;
import io.netloom.testsupport.keycloak.Person;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * People sign devices in, in the namespace lab (ADR 0023): the real server in "the internet", devices behind NATs
 * running the real CLI and daemon, a real Keycloak as the server's upstream provider, and the test playing the
 * person in the test's own namespace (over HTTP, and once in real headless Chromium), reaching the server and
 * Keycloak over the lab's root link. Host a is a server enrolled with a setup key into the group Servers; hosts b
 * and c are an engineer's and an intern's devices, signed in with {@code netloom up} and no setup key: first by
 * people of the embedded user store, then by people of Keycloak, whose groups become Netloom groups. A policy
 * Engineering to Servers decides who reaches the server through the real WireGuard tunnels. The scenarios build
 * on each other, in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SignInLabTest {

    private static final Duration CONVERGE = Duration.ofSeconds(30);
    private static final String NEW_PASSWORD = "a passphrase of the person's own";
    private static final int SERVICE_PORT = 8080;
    private static final Duration LOGIN_EXPIRATION = Duration.ofHours(1);
    /** Issue 12's target for an offboarding by the API, SCIM or a back-channel logout. */
    private static final Duration INSTANT_CUT = Duration.ofSeconds(1);
    /** How many times each offboarding path cuts each person: once in CI, more for BENCHMARKS.md. */
    private static final int OFFBOARDING_RUNS = Integer.parseInt(
            System.getenv().getOrDefault("NETLOOM_LAB_OFFBOARDING_RUNS", "1"));
    private static final String REALM = "lab";
    private static final String PROVIDER = "keycloak";
    private static final String DIRECTORY_READER = "netloom-directory-sync";
    /** Shorter than the default 30 s, to keep the lab quick; the target is the interval plus a second. */
    private static final Duration SYNC_INTERVAL = Duration.ofSeconds(5);
    /**
     * The devices poll for their sign-in at this interval (RFC 8628 {@code interval}, which the server states) instead
     * of the default 5 s, which each sign-in here would otherwise mostly wait out after the person confirmed.
     */
    private static final Duration DEVICE_POLL_INTERVAL = Duration.ofSeconds(1);
    private static final Person ERIN = new Person("erin", "erin's keycloak passphrase", "erin@corp.example", "Erin",
            "Engineer");
    private static final Person IAN = new Person("ian", "ian's keycloak passphrase", "ian@corp.example", "Ian",
            "Intern");

    private static final LabPeer SERVER = new LabPeer("a");
    private static final LabPeer ENGINEER = new LabPeer("b");
    private static final LabPeer INTERN = new LabPeer("c");

    /** Keycloak as the lab sees it: 203.0.113.254, the test's end of the root link. */
    private static LabTcpRelay keycloakRelay;
    private static KeycloakAdmin directory;
    /** The server's settings at each of its starts: Keycloak as its upstream provider. */
    private static List<String> serverSettings;
    private static LabApi api;
    private static String servers;
    private static String serverIp;

    @BeforeAll
    static void buildLab() throws IOException {
        Lab.requireRunnable();
        HeadlessChromium.requireInstalled();
        Lab.up();
        Lab.linkTheTestToTheServer();
        // Keycloak starts while the lab's server does: the server needs only the relay's port, and fetches
        // Keycloak's discovery document at the first sign-in. Keycloak calls the server too (back-channel logouts),
        // so it waits for the server's self-signed certificate, written early in the server's first start, to
        // trust it.
        CompletableFuture<KeycloakServer> keycloak = CompletableFuture.supplyAsync(() -> {
            Await.until("the lab server's certificate", Duration.ofMinutes(3), SignInLabTest::serverCertificateWritten);
            return KeycloakServer.shared(List.of(Lab.SERVER_CERTIFICATE));
        });
        keycloakRelay = LabTcpRelay.start(InetAddress.getByName(Lab.ROOT_LINK_ADDRESS), keycloak.thenApply(
                started -> new InetSocketAddress(started.baseUrl().getHost(), started.baseUrl().getPort())));
        String issuer = "http://" + Lab.ROOT_LINK_ADDRESS + ":" + keycloakRelay.port() + "/realms/" + REALM;
        String secret = UUID.randomUUID().toString();
        String readerSecret = UUID.randomUUID().toString();
        String provider = "--netloom.identity.providers." + PROVIDER + ".";
        String sync = provider + "directory-sync.";
        serverSettings = List.of(provider + "issuer-uri=" + issuer, provider + "client-id=netloom",
                provider + "client-secret=" + secret, provider + "display-name=Keycloak",
                sync + "type=keycloak", sync + "server-url=http://" + Lab.ROOT_LINK_ADDRESS + ":" + keycloakRelay.port(),
                sync + "realm=" + REALM, sync + "client-id=" + DIRECTORY_READER, sync + "client-secret=" + readerSecret,
                sync + "interval=" + SYNC_INTERVAL.toSeconds() + "s",
                "--netloom.identity.device-poll-interval=" + DEVICE_POLL_INTERVAL.toSeconds() + "s");
        Lab.startServer(serverSettings);
        api = new LabApi();
        servers = group("Servers");
        String setupKey = api.post("/api/setup-keys", Map.of("name", "servers", "type", "reusable", "expires_in",
                86400, "auto_groups", List.of(servers), "usage_limit", 0)).get("key").asText();
        Path setupKeyFile = Lab.LAB_DIR.resolve("servers-setup-key");
        Files.writeString(setupKeyFile, setupKey);
        Files.setPosixFilePermissions(setupKeyFile, PosixFilePermissions.fromString("rw-------"));
        Lab.check(SERVER.up(setupKeyFile));
        serverIp = SERVER.overlayIp();
        Lab.check(Lab.in("a", "iperf3", "-s", "-D", "-p", Integer.toString(SERVICE_PORT), "-B", serverIp));

        directory = started(keycloak).admin();
        directory.createRealm(REALM);
        directory.createConfidentialClient(REALM, new ConfidentialClient("netloom", secret,
                List.of(Lab.SERVER_URL + "/login/oauth2/code/" + PROVIDER), "groups"));
        directory.createDirectoryReader(REALM, DIRECTORY_READER, readerSecret);
        for (String group : List.of("Engineering", "Interns", "Servers")) {
            directory.createGroup(REALM, group);
        }
        directory.createUser(REALM, ERIN, "Engineering");
        directory.createUser(REALM, IAN, "Interns");
    }

    private static boolean serverCertificateWritten() {
        try {
            return Files.isRegularFile(Lab.SERVER_CERTIFICATE)
                    && Files.readString(Lab.SERVER_CERTIFICATE).contains("-----END CERTIFICATE-----");
        } catch (IOException e) {
            return false;
        }
    }

    /** The started Keycloak, or what stopped it: a missing prerequisite skips (or fails under CI=true) as usual. */
    private static KeycloakServer started(CompletableFuture<KeycloakServer> keycloak) {
        try {
            return keycloak.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    @AfterAll
    static void tearDown() throws IOException {
        if (!Lab.canRun()) {
            return;
        }
        for (LabPeer peer : List.of(SERVER, ENGINEER, INTERN)) {
            peer.down();
        }
        Lab.stopServer();
        Offboarding.report();
        if (keycloakRelay != null) {
            keycloakRelay.close();
        }
        Lab.down();
    }

    @Test
    @Order(1)
    void upWithoutSetupKeyWhenLocalUsersSignInThenPeersAreTheirsInTheirGroupsAndOnlyTheEngineerReachesTheServer()
            throws IOException {
        String engineering = group("Engineering");
        String interns = group("Interns");
        String policy = engineeringToServers(engineering);
        JsonNode engineer = api.post("/api/users", localPerson("engineer@lab.example", engineering));
        JsonNode intern = api.post("/api/users", localPerson("intern@lab.example", interns));

        DeviceSignIn engineerSignIn = ENGINEER.upSigningIn();
        URI engineerCode = engineerSignIn.awaitVerificationUrl();
        try (LabChromium chromium = LabChromium.start()) {
            String done = chromium.confirmDeviceAsNewLocalUser(engineerCode.toString(), "engineer@lab.example",
                    engineer.get("password").asText(), NEW_PASSWORD);
            assertThat(done).isEqualTo(Lab.SERVER_URL + "/activate/done");
        }
        assertThat(Lab.check(engineerSignIn.await()).output()).contains("Signed in as engineer@lab.example");

        DeviceSignIn internSignIn = INTERN.upSigningIn();
        URI internCode = internSignIn.awaitVerificationUrl();
        LabPerson browser = new LabPerson();
        LabPerson.Page login = browser.open(internCode);
        assertThat(login.location().getPath()).isEqualTo("/login");
        LabPerson.Page change = browser.signInLocally(login, "intern@lab.example", intern.get("password").asText());
        LabPerson.Page activate = browser.choosePassword(change, NEW_PASSWORD);
        browser.confirmDevice(activate, DeviceSignIn.userCode(internCode));
        assertThat(Lab.check(internSignIn.await()).output()).contains("Signed in as intern@lab.example");

        assertPeerOf(ENGINEER, engineer.get("id").asText(), "Engineering");
        assertPeerOf(INTERN, intern.get("id").asText(), "Interns");
        assertOnlyTheEngineerReachesTheServer();

        // The embedded store's people leave the stage to Keycloak's: their devices, policy and group names go.
        for (LabPeer device : List.of(ENGINEER, INTERN)) {
            forget(device);
        }
        api.delete("/api/policies/" + policy);
        api.put("/api/groups/" + engineering, Map.of("name", "Local engineering", "peers", List.of()));
        api.put("/api/groups/" + interns, Map.of("name", "Local interns", "peers", List.of()));
    }

    @Test
    @Order(2)
    void upWithoutSetupKeyWhenKeycloakPeopleSignInThenTheirKeycloakGroupsDecide() {
        String account = api.get("/api/accounts").get(0).get("id").asText();
        api.put("/api/accounts/" + account, Map.of("settings", Map.of("jwt_groups_enabled", true,
                "jwt_groups_claim_name", "groups")));

        signInWithKeycloak(ENGINEER.upSigningIn(), ERIN);
        String engineering = groupNamed("Engineering");
        assertThat(api.get("/api/groups/" + engineering).get("issued").asText()).isEqualTo("jwt");
        engineeringToServers(engineering);
        signInWithKeycloak(INTERN.upSigningIn(), IAN);

        assertPeerOf(ENGINEER, userWithEmail(ERIN.email()), "Engineering");
        assertPeerOf(INTERN, userWithEmail(IAN.email()), "Interns");
        assertThat(api.get("/api/users").findValues("issued").stream().map(JsonNode::asText).toList())
                .contains("integration");
        assertOnlyTheEngineerReachesTheServer();
    }

    @Test
    @Order(3)
    void loginWhenTheInternJoinedEngineeringInKeycloakThenTheInternsDeviceReachesTheServer() {
        directory.joinGroup(REALM, IAN.username(), "Engineering");

        signInWithKeycloak(INTERN.loginAgain(), IAN);

        assertPeerOf(INTERN, userWithEmail(IAN.email()), "Engineering");
        Await.until("the intern's device reaches the server (through the TURN relay)", Duration.ofSeconds(90),
                () -> INTERN.ping(serverIp));
        assertThat(INTERN.connects(serverIp, SERVICE_PORT)).as("the intern opens the server's port").isTrue();
    }

    @Test
    @Order(4)
    void offboardWhenAnAdminBlocksAPersonThenTheirDeviceIsCutWithinASecondAndUnblockingRestoresIt() {
        for (int run = 0; run < OFFBOARDING_RUNS; run++) {
            for (LabPeer leaver : List.of(INTERN, ENGINEER)) {
                String user = ownerOf(leaver);
                Offboarding.cut("admin API (PUT /api/users is_blocked)", leaver, otherThan(leaver), serverIp,
                        INSTANT_CUT, () -> setBlocked(user, true));
                setBlocked(user, false);
                assertRestored(leaver);
            }
        }
    }

    @Test
    @Order(5)
    void offboardWhenTheScimClientDeactivatesAPersonThenTheirDeviceIsCutWithinASecondAndReactivatingRestoresIt() {
        LabApi scim = LabApi.scim(api.post("/api/netloom/scim-tokens", Map.of("name", "the lab's directory"))
                .get("plain_token").asText());
        for (int run = 0; run < OFFBOARDING_RUNS; run++) {
            for (LabPeer leaver : List.of(INTERN, ENGINEER)) {
                String filter = URLEncoder.encode("userName eq \"" + personOf(leaver).email() + "\"",
                        StandardCharsets.UTF_8);
                JsonNode found = scim.get("/scim/v2/Users?filter=" + filter);
                assertThat(found.get("totalResults").asInt()).as(found.toString()).isEqualTo(1);
                String user = found.get("Resources").get(0).get("id").asText();
                assertThat(user).isEqualTo(ownerOf(leaver));

                Offboarding.cut("SCIM (PATCH active: false)", leaver, otherThan(leaver), serverIp, INSTANT_CUT,
                        () -> scim.patch("/scim/v2/Users/" + user, activeOperation(false)));
                assertThat(scim.get("/scim/v2/Users/" + user).get("active").asBoolean()).isFalse();
                scim.patch("/scim/v2/Users/" + user, activeOperation(true));
                assertRestored(leaver);
            }
        }
    }

    @Test
    @Order(6)
    void offboardWhenThePersonIsDisabledInKeycloakThenTheDirectorySyncCutsTheirDeviceAndEnablingRestoresIt() {
        for (int run = 0; run < OFFBOARDING_RUNS; run++) {
            for (LabPeer leaver : List.of(INTERN, ENGINEER)) {
                Person person = personOf(leaver);
                Offboarding.cut("directory sync (Keycloak, " + SYNC_INTERVAL.toSeconds() + " s interval)", leaver,
                        otherThan(leaver), serverIp, SYNC_INTERVAL.plusSeconds(1),
                        () -> directory.setEnabled(REALM, person.username(), false));
                assertThat(api.get("/api/users").findValues("is_blocked").stream().filter(JsonNode::asBoolean))
                        .as("blocked users").hasSize(1);
                directory.setEnabled(REALM, person.username(), true);
                assertRestored(leaver);
            }
        }
    }

    @Test
    @Order(7)
    void offboardWhenKeycloakSignsThePersonOutThenTheirDeviceIsCutUntilTheySignInAgain() {
        directory.setBackchannelLogoutUrl(REALM, "netloom", Lab.SERVER_URL + "/oauth2/backchannel-logout/" + PROVIDER);
        for (int run = 0; run < OFFBOARDING_RUNS; run++) {
            for (LabPeer leaver : List.of(INTERN, ENGINEER)) {
                Person person = personOf(leaver);
                // A session at Keycloak for Keycloak to end (the directory sync's scenario disabled the person).
                signInWithKeycloak(leaver.loginAgain(), person);
                String peer = leaver.status().get("peer_id").asText();

                Offboarding.cut("back-channel logout (Keycloak signs the person out)", leaver, otherThan(leaver),
                        serverIp, INSTANT_CUT, () -> directory.logOut(REALM, person.username()));
                assertThat(api.get("/api/peers/" + peer).get("login_expired").asBoolean()).isTrue();
                assertThat(api.get("/api/users").findValues("is_blocked").stream().filter(JsonNode::asBoolean))
                        .as("a sign-out is not a block").isEmpty();

                signInWithKeycloak(leaver.loginAgain(), person);
                assertRestored(leaver);
            }
        }
    }

    @Test
    @Order(8)
    void loginWhenTheEngineersLoginExpiredThenThePathIsCutAndSigningInAgainRestoresItWithTheSameAddress() {
        String account = api.get("/api/accounts").get(0).get("id").asText();
        api.put("/api/accounts/" + account, Map.of("settings", Map.of("peer_login_expiration_enabled", true,
                "peer_login_expiration", LOGIN_EXPIRATION.toSeconds())));
        String engineerPeer = ENGINEER.status().get("peer_id").asText();
        String engineerIp = ENGINEER.overlayIp();
        assertThat(ENGINEER.ping(serverIp)).isTrue();
        // The server's clock jumps past the expiration; Keycloak's ID tokens must outlive the jump.
        Duration jump = LOGIN_EXPIRATION.plusMinutes(5);
        directory.setTokenLifespan(REALM, jump.multipliedBy(2));

        // The shortest expiration is an hour: the server comes back as if it had been stopped for longer.
        Lab.stopServer();
        Lab.startServerAhead(jump, serverSettings);

        Await.until("the engineer's login expired", CONVERGE,
                () -> api.get("/api/peers/" + engineerPeer).get("login_expired").asBoolean());
        Await.until("the engineer's device can no longer reach the server", Duration.ofSeconds(90),
                () -> !ENGINEER.quickPing(serverIp));
        assertThat(api.get("/api/peers/" + SERVER.status().get("peer_id").asText()).get("login_expired").asBoolean())
                .as("a setup-key peer never expires").isFalse();

        DeviceSignIn again = ENGINEER.loginAgain();
        signInWithKeycloak(again, ERIN);

        assertThat(api.get("/api/peers/" + engineerPeer).get("login_expired").asBoolean()).isFalse();
        Await.until("the engineer's device reaches the server again", Duration.ofSeconds(60),
                () -> ENGINEER.ping(serverIp));
        assertThat(ENGINEER.overlayIp()).isEqualTo(engineerIp);
        assertThat(ENGINEER.status().get("peer_id").asText()).isEqualTo(engineerPeer);
    }

    @Test
    @Order(9)
    void offboardWhenAnAdminDeletesAPersonThenTheirDeviceIsCutWithinASecondForGood() {
        // The intern's login expired with the engineer's in the scenario before.
        signInWithKeycloak(INTERN.loginAgain(), IAN);
        Await.until("the intern's device reaches the server again", Duration.ofSeconds(90),
                () -> INTERN.ping(serverIp));
        String intern = ownerOf(INTERN);

        Offboarding.cut("admin API (DELETE /api/users)", INTERN, ENGINEER, serverIp, INSTANT_CUT,
                () -> api.delete("/api/users/" + intern));

        assertThat(INTERN.quickPing(serverIp)).as("the deleted person's device pings the server").isFalse();
        assertThat(ENGINEER.ping(serverIp)).isTrue();
    }

    /** The person follows the device's code to Netloom, picks Keycloak, signs in there and confirms the code. */
    private static void signInWithKeycloak(DeviceSignIn device, Person person) {
        URI code = device.awaitVerificationUrl();
        LabPerson browser = new LabPerson();
        LabPerson.Page login = browser.open(code);
        assertThat(login.location().getPath()).isEqualTo("/login");
        LabPerson.Page activate = browser.signInWithKeycloak(login, PROVIDER, person.username(), person.password());
        browser.confirmDevice(activate, DeviceSignIn.userCode(code));
        Lab.Result result = Lab.check(device.await());
        assertThat(result.output()).contains("Signed in as");
    }

    /** The same device is back, with the same peer and address, without enrolling again. */
    private static void assertRestored(LabPeer device) {
        String peer = device.status().get("peer_id").asText();
        String address = device.overlayIp();
        Await.until(device.host + " reaches the server again", Duration.ofSeconds(90), () -> device.ping(serverIp));
        assertThat(device.status().get("peer_id").asText()).isEqualTo(peer);
        assertThat(device.overlayIp()).isEqualTo(address);
    }

    private static Person personOf(LabPeer device) {
        return device == INTERN ? IAN : ERIN;
    }

    private static Map<String, Object> activeOperation(boolean active) {
        return Map.of("schemas", List.of("urn:ietf:params:scim:api:messages:2.0:PatchOp"),
                "Operations", List.of(Map.of("op", "replace", "path", "active", "value", active)));
    }

    private static LabPeer otherThan(LabPeer device) {
        return device == ENGINEER ? INTERN : ENGINEER;
    }

    private static String ownerOf(LabPeer device) {
        return api.get("/api/peers/" + device.status().get("peer_id").asText()).get("user_id").asText();
    }

    /** NetBird's PUT /api/users/{id}, changing only is_blocked. */
    private static void setBlocked(String userId, boolean blocked) {
        for (JsonNode user : api.get("/api/users")) {
            if (user.get("id").asText().equals(userId)) {
                List<String> autoGroups = new ArrayList<>();
                user.get("auto_groups").forEach(group -> autoGroups.add(group.asText()));
                api.put("/api/users/" + userId, Map.of("role", user.get("role").asText(), "auto_groups", autoGroups,
                        "is_blocked", blocked));
                return;
            }
        }
        throw new AssertionError("no user " + userId);
    }

    private static void assertOnlyTheEngineerReachesTheServer() {
        Await.until("the engineer's device reaches the server", CONVERGE, () -> ENGINEER.ping(serverIp));
        assertThat(ENGINEER.connects(serverIp, SERVICE_PORT)).as("the engineer opens the server's port").isTrue();
        assertThat(INTERN.peerStatus(serverIp)).as("the server in the intern's map").isNull();
        assertThat(INTERN.quickPing(serverIp)).as("the intern pings the server").isFalse();
        assertThat(INTERN.connects(serverIp, SERVICE_PORT)).as("the intern opens the server's port").isFalse();
    }

    private static void assertPeerOf(LabPeer device, String userId, String group) {
        JsonNode peer = api.get("/api/peers/" + device.status().get("peer_id").asText());
        assertThat(peer.get("user_id").asText()).as(peer.toString()).isEqualTo(userId);
        assertThat(peer.get("login_expired").asBoolean()).isFalse();
        List<String> groups = new ArrayList<>();
        peer.get("groups").forEach(member -> groups.add(member.get("name").asText()));
        assertThat(groups).as(peer.toString()).contains(group).doesNotContain("Servers");
    }

    /** The device stops, loses its key and enrollment, and its peer is deleted: a new device for the next person. */
    private static void forget(LabPeer device) throws IOException {
        String peer = device.status().get("peer_id").asText();
        Lab.check(device.down());
        api.delete("/api/peers/" + peer);
        try (Stream<Path> files = Files.walk(device.stateDirectory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    private static String engineeringToServers(String engineering) {
        return api.post("/api/policies", Map.of("name", "engineering to servers", "description", "", "enabled", true,
                "rules", List.of(Map.of("name", "engineering to servers", "enabled", true, "action", "accept",
                        "bidirectional", false, "protocol", "all", "sources", List.of(engineering),
                        "destinations", List.of(servers))))).get("id").asText();
    }

    private static Map<String, Object> localPerson(String email, String group) {
        return Map.of("email", email, "name", email, "role", "user", "auto_groups", List.of(group),
                "is_service_user", false);
    }

    private static String group(String name) {
        return api.post("/api/groups", Map.of("name", name, "peers", List.of())).get("id").asText();
    }

    private static String groupNamed(String name) {
        for (JsonNode group : api.get("/api/groups")) {
            if (group.get("name").asText().equals(name)) {
                return group.get("id").asText();
            }
        }
        throw new AssertionError("no group " + name + " in " + api.get("/api/groups"));
    }

    private static String userWithEmail(String email) {
        for (JsonNode user : api.get("/api/users")) {
            if (email.equals(user.path("email").asText())) {
                return user.get("id").asText();
            }
        }
        throw new AssertionError("no user " + email + " in " + api.get("/api/users"));
    }
}
