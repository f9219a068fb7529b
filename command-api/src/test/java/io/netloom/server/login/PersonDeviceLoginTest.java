package io.netloom.server.login;

import static io.netloom.server.testing.TestData.accountId;
import static io.netloom.server.testing.TestData.auditCodes;
import static io.netloom.server.testing.TestData.error;
import static io.netloom.server.testing.TestData.ids;
import static io.netloom.server.testing.TestData.ok;
import static io.netloom.server.testing.TestData.regularUser;
import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.user.SignInGate;
import io.netloom.projections.directory.Directory;
import io.netloom.server.axon.Commands;
import io.netloom.server.testing.NetloomApi;
import io.netloom.server.testing.PersonSignIn;
import io.netloom.server.testing.ServerTest;
import io.netloom.server.testing.TestPeers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A person's device enrolling with the person's access token is the device's login (ADR 0021): the answer
 * names the person, the login is recorded, an expired device comes back when the person signs in on it again,
 * and a person outside the account's allowed groups is turned away on the sign-in page and at enrollment.
 */
class PersonDeviceLoginTest extends ServerTest {

    private static final String PASSWORD = "a long enough passphrase";
    private static final Duration HOUR = Duration.ofHours(1);

    @Autowired
    private Directory directory;

    @Autowired
    private Commands commands;

    private NetloomApi.Client owner;
    private AccountId account;
    private PersonSignIn signIn;
    private String email;
    private String alice;

    @BeforeEach
    void personWithAPassword() {
        owner = accounts.newAccount();
        account = new AccountId(accountId(owner));
        signIn = new PersonSignIn(api);
        email = "alice-" + System.nanoTime() + "@example.org";
        alice = ok(owner.post("/api/users", regularUser(email, "user"))).text("id");
        ok(owner.put("/api/netloom/users/{userId}/password", Map.of("password", PASSWORD, "change_required", false),
                alice));
    }

    @Test
    void enrollWhenPersonsTokenThenAnswerNamesThePersonAndLoginRecorded() {
        NetloomApi.Response answer = ok(api.withBearer(signIn.deviceFlowAccessToken(email, PASSWORD))
                .post("/api/netloom/enroll", device(TestPeers.newPublicKey())));

        assertThat(answer.body().get("user").get("id").asString()).isEqualTo(alice);
        assertThat(answer.body().get("user").get("email").asString()).isEqualTo(email);
        assertThat(auditCodes(owner)).contains("user.peer.login");
    }

    @Test
    void enrollWhenSetupKeyThenAnswerNamesNoPerson() {
        String setupKey = TestPeers.createReusableKey(owner, List.of());

        NetloomApi.Response answer = ok(api.anonymous().post("/api/netloom/enroll",
                TestPeers.enrollment(setupKey, TestPeers.newPublicKey(), "server")));

        assertThat(answer.body().has("user")).isFalse();
    }

    @Test
    void enrollAgainWhenDevicesLoginExpiredThenRenewedWithSameKeyAndAddress() {
        ok(owner.put("/api/accounts/{accountId}", Map.of("settings", Map.of("peer_login_expiration_enabled", true,
                "peer_login_expiration", HOUR.toSeconds())), account.value()));
        String key = TestPeers.newPublicKey();
        NetloomApi.Response first = ok(api.withBearer(signIn.deviceFlowAccessToken(email, PASSWORD))
                .post("/api/netloom/enroll", device(key)));
        String peer = first.text("peer_id");

        assertThat(sweepAt(Instant.now().plus(HOUR).plusSeconds(60))).containsExactly(new PeerId(peer));
        assertThat(ok(owner.get("/api/peers/{peerId}", peer)).body().get("login_expired").asBoolean()).isTrue();

        NetloomApi.Response again = ok(api.withBearer(signIn.deviceFlowAccessToken(email, PASSWORD))
                .post("/api/netloom/enroll", device(key)));

        assertThat(again.text("peer_id")).isEqualTo(peer);
        assertThat(again.text("overlay_ip")).isEqualTo(first.text("overlay_ip"));
        assertThat(ok(owner.get("/api/peers/{peerId}", peer)).body().get("login_expired").asBoolean()).isFalse();
        assertThat(ids(owner.get("/api/peers"))).containsExactly(peer);
    }

    @Test
    void signInWhenOutsideTheAllowedGroupsThenRefusedOnThePageAndAtEnrollment() {
        String token = signIn.deviceFlowAccessToken(email, PASSWORD);
        ok(owner.put("/api/accounts/{accountId}", Map.of("settings", Map.of("jwt_groups_enabled", true,
                "jwt_groups_claim_name", "groups", "jwt_allow_groups", List.of("Admins"))), account.value()));

        NetloomApi.Response refused = error(api.withBearer(token).post("/api/netloom/enroll",
                device(TestPeers.newPublicKey())), 403);
        PersonSignIn.Page page = signIn.browser().signIn(email, PASSWORD);

        assertThat(refused.text("message")).contains(SignInGate.REFUSAL);
        assertThat(page.status()).isEqualTo(403);
        assertThat(page.body()).contains(SignInGate.REFUSAL);
        assertThat(ids(owner.get("/api/peers"))).isEmpty();
    }

    private List<PeerId> sweepAt(Instant now) {
        // This account only: the server is shared with other test classes, whose devices are not this test's.
        return new PeerLoginExpiry(directory, commands, Clock.fixed(now, ZoneOffset.UTC)).sweep(account);
    }

    private static Map<String, Object> device(String publicKey) {
        return Map.of("wireguard_public_key", publicKey, "hostname", "laptop", "os", "linux",
                "kernel_version", "6.1.0", "daemon_version", "0.1.0");
    }
}
