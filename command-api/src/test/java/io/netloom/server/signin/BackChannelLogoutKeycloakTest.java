package io.netloom.server.signin;

import static io.netloom.server.testing.TestData.groupNamed;
import static io.netloom.server.testing.TestData.ok;
import static io.netloom.server.testing.TestData.policy;
import static io.netloom.server.testing.TestData.rule;
import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.server.testing.KeycloakFederatedServer;
import io.netloom.server.testing.NetloomApi;
import io.netloom.server.testing.PersonSignIn;
import io.netloom.server.testing.TestPeers;
import io.netloom.testsupport.keycloak.KeycloakAdmin;
import io.netloom.testsupport.keycloak.Person;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
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
    private static final Person FRANK = new Person("frank", "frank-password-1", "frank@example.com", "Frank", "Leaver");
    private static final Person GRACE = new Person("grace", "grace-password-1", "grace@example.com", "Grace", "Stayer");
    private static final Person HEIDI = new Person("heidi", "heidi-password-1", "heidi@example.com", "Heidi", "Midway");
    /** How long Keycloak may take to deliver the token; it posts it while the administrator's request runs. */
    private static final Duration DELIVERY = Duration.ofSeconds(20);

    private KeycloakFederatedServer federation;
    private KeycloakAdmin keycloakAdmin;
    private NetloomApi api;
    private NetloomApi.Client owner;

    @BeforeAll
    void start() {
        federation = KeycloakFederatedServer.createRealm(REALM);
        keycloakAdmin = federation.keycloakAdmin();
        api = federation.api();
        keycloakAdmin.setBackchannelLogoutUrl(REALM, KeycloakFederatedServer.CLIENT,
                api.baseUrl() + "/oauth2/backchannel-logout/" + KeycloakFederatedServer.PROVIDER);
        keycloakAdmin.createUser(REALM, FRANK);
        keycloakAdmin.createUser(REALM, GRACE);
        keycloakAdmin.createUser(REALM, HEIDI);

        federation.start();
        owner = federation.owner();
        String all = groupNamed(owner, "All");
        ok(owner.post("/api/policies", policy("mesh", true, List.of(rule("r", List.of(all), List.of(all))))));
    }

    @AfterAll
    void stop() {
        if (federation != null) {
            federation.close();
        }
    }

    @Test
    void logoutInKeycloakWhenPersonSignedOutThenTheirDeviceLeavesTheMapUntilTheySignInAgain() throws Exception {
        String frankKey = TestPeers.newPublicKey();
        String frankLaptop = enroll(federation.signIns().signIn(FRANK), frankKey, "frank-laptop");
        String graceLaptop = enroll(federation.signIns().signIn(GRACE), TestPeers.newPublicKey(), "grace-laptop");
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
        String again = enroll(federation.signIns().signIn(FRANK), frankKey, "frank-laptop");

        assertThat(again).isEqualTo(frankLaptop);
        assertThat(peer(frankLaptop).get("login_expired").asBoolean()).isFalse();
        assertThat(peer(frankLaptop).get("ip").asString()).isEqualTo(frankAddress);
        assertThat(accessibleFrom(server)).contains(frankLaptop, graceLaptop);
    }

    @Test
    void logoutInKeycloakWhenSignInsInProgressThenNoneCompletesAfterwards() throws Exception {
        String laptop = enroll(federation.signIns().signIn(HEIDI), TestPeers.newPublicKey(), "heidi-laptop");
        // A device that got its token and has not enrolled yet.
        String tokenBeforeLogout = federation.signIns().signIn(HEIDI);
        // A device whose code Heidi approved, which has not polled yet.
        PersonSignIn.Answer approved = federation.people().deviceAuthorization();
        PersonSignIn.Browser approving = federation.people().browser();
        PersonSignIn.approve(approving, federation.signIns().signedInAtNetloom(approving, approved, HEIDI),
                approved.text("user_code"));
        // A browser signed in at Netloom, on the code page, not yet confirmed.
        PersonSignIn.Answer pending = federation.people().deviceAuthorization();
        PersonSignIn.Browser onCodePage = federation.people().browser();
        federation.signIns().signedInAtNetloom(onCodePage, pending, HEIDI);

        keycloakAdmin.logOut(REALM, HEIDI.username());
        assertThat(eventually(() -> peer(laptop).get("login_expired").asBoolean())).isTrue();

        NetloomApi.Response enrolledAfter = api.withBearer(tokenBeforeLogout).post("/api/netloom/enroll",
                Map.of("wireguard_public_key", TestPeers.newPublicKey(), "hostname", "heidi-phone", "os", "linux",
                        "kernel_version", "6.1.0", "daemon_version", "0.1.0"));
        assertThat(enrolledAfter.status()).as(enrolledAfter.rawBody()).isEqualTo(401);
        assertThat(federation.people().poll(approved.text("device_code")).status()).isNotEqualTo(200);
        assertThat(onCodePage.get("/activate").location()).endsWith("/login");
        assertThat(federation.people().poll(pending.text("device_code")).status()).isNotEqualTo(200);
    }

    // ---- the device

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
}
