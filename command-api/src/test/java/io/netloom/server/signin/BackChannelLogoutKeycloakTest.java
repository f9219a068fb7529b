package io.netloom.server.signin;

import static io.netloom.server.testing.TestData.groupNamed;
import static io.netloom.server.testing.TestData.ok;
import static io.netloom.server.testing.TestData.policy;
import static io.netloom.server.testing.TestData.rule;
import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.server.testing.NetloomApi;
import io.netloom.server.testing.PersonSignIn;
import io.netloom.server.testing.StandaloneServers;
import io.netloom.server.testing.TestPeers;
import io.netloom.testsupport.keycloak.ConfidentialClient;
import io.netloom.testsupport.keycloak.KeycloakAdmin;
import io.netloom.testsupport.keycloak.KeycloakBrowser;
import io.netloom.testsupport.keycloak.KeycloakServer;
import io.netloom.testsupport.keycloak.Person;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * OIDC Back-Channel Logout with the real Keycloak (ADR 0027): Keycloak's client has Netloom's logout endpoint as
 * its back-channel logout URL; a person signs in through Keycloak and enrolls a device; an administrator signs the
 * person out in Keycloak; Keycloak posts the logout token to Netloom, and the person's device drops out of the map
 * until the person signs in again, while another person's device keeps its path.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BackChannelLogoutKeycloakTest {

    private static final String REALM = "backchannel";
    private static final String CLIENT = "netloom-server";
    private static final String SECRET = "backchannel-client-secret-" + System.nanoTime();
    private static final Person FRANK = new Person("frank", "frank-password-1", "frank@example.com", "Frank", "Leaver");
    private static final Person GRACE = new Person("grace", "grace-password-1", "grace@example.com", "Grace", "Stayer");
    private static final Person HEIDI = new Person("heidi", "heidi-password-1", "heidi@example.com", "Heidi", "Midway");
    /** How long Keycloak may take to deliver the token; it posts it while the administrator's request runs. */
    private static final Duration DELIVERY = Duration.ofSeconds(20);

    private KeycloakServer keycloak;
    private KeycloakAdmin keycloakAdmin;
    private ConfigurableApplicationContext server;
    private NetloomApi api;
    private NetloomApi.Client owner;
    private PersonSignIn people;

    @BeforeAll
    void start() throws Exception {
        keycloak = KeycloakServer.shared();
        keycloakAdmin = keycloak.admin();
        int port = freePort();
        keycloakAdmin.createRealm(REALM);
        keycloakAdmin.createConfidentialClient(REALM, new ConfidentialClient(CLIENT, SECRET,
                List.of("http://localhost:" + port + "/login/oauth2/code/keycloak"), "groups"));
        keycloakAdmin.setBackchannelLogoutUrl(REALM, CLIENT,
                "http://localhost:" + port + "/oauth2/backchannel-logout/keycloak");
        keycloakAdmin.createUser(REALM, FRANK);
        keycloakAdmin.createUser(REALM, GRACE);
        keycloakAdmin.createUser(REALM, HEIDI);

        Path dataDir = Files.createTempDirectory("netloom-backchannel-");
        server = StandaloneServers.startInsecure(dataDir, "server.port=" + port,
                "netloom.identity.providers.keycloak.issuer-uri=" + keycloak.issuer(REALM),
                "netloom.identity.providers.keycloak.client-id=" + CLIENT,
                "netloom.identity.providers.keycloak.client-secret=" + SECRET);
        api = new NetloomApi(port);
        owner = api.as(Files.readString(dataDir.resolve("admin-token")).strip());
        people = new PersonSignIn(api);
        String all = groupNamed(owner, "All");
        ok(owner.post("/api/policies", policy("mesh", true, List.of(rule("r", List.of(all), List.of(all))))));
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
        if (keycloakAdmin != null) {
            keycloakAdmin.deleteRealm(REALM);
        }
    }

    @Test
    void logoutInKeycloakWhenPersonSignedOutThenTheirDeviceLeavesTheMapUntilTheySignInAgain() throws Exception {
        String frankKey = TestPeers.newPublicKey();
        String frankLaptop = enroll(deviceFlowThroughKeycloak(FRANK), frankKey, "frank-laptop");
        String graceLaptop = enroll(deviceFlowThroughKeycloak(GRACE), TestPeers.newPublicKey(), "grace-laptop");
        String server = TestPeers.enroll(api.anonymous(), TestPeers.createReusableKey(owner, List.of()), "server");
        assertThat(accessibleFrom(server)).contains(frankLaptop, graceLaptop);
        String frankAddress = peer(frankLaptop).get("ip").asString();

        keycloakAdmin.logOut(REALM, FRANK.username());

        assertThat(eventually(() -> peer(frankLaptop).get("login_expired").asBoolean()))
                .as("Keycloak's logout token ended Frank's device login").isTrue();
        assertThat(accessibleFrom(server)).contains(graceLaptop).doesNotContain(frankLaptop);
        assertThat(peer(graceLaptop).get("login_expired").asBoolean()).isFalse();
        assertThat(ok(owner.get("/api/events/audit")).body().valueStream()
                .filter(event -> event.get("activity_code").asString().equals("peer.login.expire"))
                .filter(event -> event.get("target_id").asString().equals(frankLaptop)))
                .singleElement().satisfies(event -> {
                    assertThat(event.get("meta").get("reason").asString()).isEqualTo("signed_out");
                    assertThat(event.get("initiator_id").asString()).isEqualTo("back-channel-logout:keycloak");
                });

        // Not a block: Frank signs in again on the same device, which comes back with its address.
        String again = enroll(deviceFlowThroughKeycloak(FRANK), frankKey, "frank-laptop");

        assertThat(again).isEqualTo(frankLaptop);
        assertThat(peer(frankLaptop).get("login_expired").asBoolean()).isFalse();
        assertThat(peer(frankLaptop).get("ip").asString()).isEqualTo(frankAddress);
        assertThat(accessibleFrom(server)).contains(frankLaptop, graceLaptop);
    }

    @Test
    void logoutInKeycloakWhenSignInsInProgressThenNoneCompletesAfterwards() throws Exception {
        String laptop = enroll(deviceFlowThroughKeycloak(HEIDI), TestPeers.newPublicKey(), "heidi-laptop");
        // A device that got its token and has not enrolled yet.
        String tokenBeforeLogout = deviceFlowThroughKeycloak(HEIDI);
        // A device whose code Heidi approved, which has not polled yet.
        PersonSignIn.Answer approved = people.deviceAuthorization();
        PersonSignIn.Browser approving = people.browser();
        PersonSignIn.approve(approving, signedInAtNetloom(approving, approved, HEIDI), approved.text("user_code"));
        // A browser signed in at Netloom, on the code page, not yet confirmed.
        PersonSignIn.Answer pending = people.deviceAuthorization();
        PersonSignIn.Browser onCodePage = people.browser();
        signedInAtNetloom(onCodePage, pending, HEIDI);

        keycloakAdmin.logOut(REALM, HEIDI.username());
        assertThat(eventually(() -> peer(laptop).get("login_expired").asBoolean())).isTrue();

        NetloomApi.Response enrolledAfter = api.withBearer(tokenBeforeLogout).post("/api/netloom/enroll",
                Map.of("wireguard_public_key", TestPeers.newPublicKey(), "hostname", "heidi-phone", "os", "linux",
                        "kernel_version", "6.1.0", "daemon_version", "0.1.0"));
        assertThat(enrolledAfter.status()).as(enrolledAfter.rawBody()).isEqualTo(401);
        assertThat(people.poll(approved.text("device_code")).status()).isNotEqualTo(200);
        assertThat(onCodePage.get("/activate").location()).endsWith("/login");
        assertThat(people.poll(pending.text("device_code")).status()).isNotEqualTo(200);
    }

    // ---- the person and the device

    /** The person opens the device's code link and signs in at Keycloak; returns Netloom's code page. */
    private PersonSignIn.Page signedInAtNetloom(PersonSignIn.Browser browser, PersonSignIn.Answer device,
            Person person) {
        PersonSignIn.Page toLogin = browser.get(device.text("verification_uri_complete"));
        assertThat(toLogin.location()).endsWith("/login");
        PersonSignIn.Page redirect = browser.get("/oauth2/authorization/keycloak");
        assertThat(redirect.status()).as(redirect.body()).isEqualTo(302);
        URI callback = new KeycloakBrowser(person).authorizeUntilCallback(URI.create(redirect.location()));
        PersonSignIn.Page back = browser.get(callback.toString());
        assertThat(back.status()).as(back.body()).isEqualTo(303);
        return browser.follow(back);
    }

    /** The device flow with the person signing in at Keycloak; returns the device's access token from Netloom. */
    private String deviceFlowThroughKeycloak(Person person) {
        PersonSignIn.Answer device = people.deviceAuthorization();
        assertThat(device.status()).as(String.valueOf(device.body())).isEqualTo(200);
        PersonSignIn.Browser browser = people.browser();
        PersonSignIn.approve(browser, signedInAtNetloom(browser, device, person), device.text("user_code"));
        PersonSignIn.Answer token = people.poll(device.text("device_code"));
        assertThat(token.status()).as(String.valueOf(token.body())).isEqualTo(200);
        return token.text("access_token");
    }

    private String enroll(String token, String publicKey, String hostname) {
        return ok(api.withBearer(token).post("/api/netloom/enroll", Map.of("wireguard_public_key", publicKey,
                "hostname", hostname, "os", "linux", "kernel_version", "6.1.0", "daemon_version", "0.1.0")))
                .body().get("peer_id").asString();
    }

    // ---- the API

    private JsonNode peer(String peerId) {
        return ok(owner.get("/api/peers/{peerId}", peerId)).body();
    }

    private List<String> accessibleFrom(String peer) {
        return ok(owner.get("/api/peers/{peerId}/accessible-peers", peer)).body().valueStream()
                .map(remote -> remote.get("id").asString()).toList();
    }

    /** Whether the condition held within {@link #DELIVERY}: Keycloak and Netloom are separate processes. */
    private static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(DELIVERY);
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(100);
        }
        return condition.getAsBoolean();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
