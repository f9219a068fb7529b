package io.netloom.server.login;

import static io.netloom.server.testing.TestData.accountId;
import static io.netloom.server.testing.TestData.auditCodes;
import static io.netloom.server.testing.TestData.createUser;
import static io.netloom.server.testing.TestData.groupNamed;
import static io.netloom.server.testing.TestData.ok;
import static io.netloom.server.testing.TestData.policy;
import static io.netloom.server.testing.TestData.regularUser;
import static io.netloom.server.testing.TestData.rule;
import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.ids.UserId;
import io.netloom.domain.peer.RecordPeerConnectedCommand;
import io.netloom.domain.peer.RecordPeerDisconnectedCommand;
import io.netloom.domain.user.GroupsClaim;
import io.netloom.domain.user.RecordUserLoginCommand;
import io.netloom.projections.directory.Directory;
import io.netloom.server.axon.Commands;
import io.netloom.server.axon.Initiator;
import io.netloom.server.testing.NetloomApi;
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
import tools.jackson.databind.JsonNode;

/**
 * The expiry sweep on the real server, run at instants the test chooses (a fixed clock per sweep, never the
 * wall clock): a person's device drops out of every map when its login or inactivity period passes, a setup-key
 * device never does, and signing in again restores the device with its key and address.
 */
class PeerLoginExpiryTest extends ServerTest {

    private static final Duration DAY = Duration.ofHours(24);

    @Autowired
    private Directory directory;

    @Autowired
    private Commands commands;

    @Autowired
    private UserLogins logins;

    private NetloomApi.Client owner;
    private AccountId account;
    private UserId alice;
    private PeerId laptop;
    private String server;
    private Instant enrolledAt;

    @BeforeEach
    void enrollLaptopAndServerInAMesh() {
        owner = accounts.newAccount();
        account = new AccountId(accountId(owner));
        alice = new UserId(createUser(owner, regularUser("alice@example.com", "user")));
        // Now, not a fixed date: the server's own sweep runs on the wall clock and must find nothing due.
        enrolledAt = Instant.now();
        laptop = new UserDevices(commands).enroll(account, alice, "laptop", enrolledAt);
        server = TestPeers.enroll(api.anonymous(), TestPeers.createReusableKey(owner, List.of()), "server");
        String all = groupNamed(owner, "All");
        ok(owner.post("/api/policies", policy("mesh", true, List.of(rule("r", List.of(all), List.of(all))))));
        assertThat(accessibleFrom(server)).containsExactly(laptop.value());
    }

    private List<PeerId> sweepAt(Instant now) {
        // One account only: the server is shared with other test classes, whose devices are not this test's to expire.
        return new PeerLoginExpiry(directory, commands, Clock.fixed(now, ZoneOffset.UTC)).sweep(account);
    }

    private List<String> accessibleFrom(String peer) {
        return ok(owner.get("/api/peers/{peerId}/accessible-peers", peer)).body().valueStream()
                .map(remote -> remote.get("id").asString()).toList();
    }

    private JsonNode peerView(String peer) {
        return ok(owner.get("/api/peers/{peerId}", peer)).body();
    }

    private void settings(Map<String, Object> settings) {
        ok(owner.put("/api/accounts/{accountId}", Map.of("settings", settings), account.value()));
    }

    @Test
    void sweepWhenLoginOlderThanExpirationThenPeerDropsOutOfEveryMap() {
        assertThat(sweepAt(enrolledAt.plus(DAY).minusSeconds(1))).isEmpty();

        assertThat(sweepAt(enrolledAt.plus(DAY))).containsExactly(laptop);

        assertThat(accessibleFrom(server)).isEmpty();
        assertThat(accessibleFrom(laptop.value())).isEmpty();
        JsonNode map = ok(owner.get("/api/peers/{peerId}/network-map", laptop.value())).body();
        assertThat(map.get("remote_peers")).isEmpty();
        assertThat(map.get("inbound_rules")).isEmpty();
        assertThat(peerView(laptop.value()).get("login_expired").asBoolean()).isTrue();
        assertThat(auditCodes(owner)).contains("peer.login.expire");
    }

    @Test
    void loginExpiresAtWhenPersonsDeviceThenLastLoginPlusExpiration() {
        var records = directory.account(account).orElseThrow();
        var settings = records.account().settings();

        assertThat(PeerLoginExpiry.loginExpiresAt(settings, records.peer(laptop).orElseThrow()))
                .contains(enrolledAt.plus(DAY));
        assertThat(PeerLoginExpiry.loginExpiresAt(settings, records.peer(new PeerId(server)).orElseThrow()))
                .isEmpty();
    }

    @Test
    void sweepWhenSetupKeyPeerThenNeverExpires() {
        sweepAt(enrolledAt.plus(Duration.ofDays(365)));

        assertThat(peerView(server).get("login_expired").asBoolean()).isFalse();
        assertThat(peerView(laptop.value()).get("login_expired").asBoolean()).isTrue();
        assertThat(accessibleFrom(server)).isEmpty();
    }

    @Test
    void recordWhenPersonSignsInOnExpiredDeviceThenRestoredWithSameKeyAndAddress() {
        JsonNode before = peerView(laptop.value());
        Instant expiredAt = enrolledAt.plus(DAY);
        sweepAt(expiredAt);
        Instant signedInAt = expiredAt.plusSeconds(600);

        logins.record(new RecordUserLoginCommand(account, alice, laptop, GroupsClaim.of(null), signedInAt),
                new Initiator(alice.value()));

        JsonNode after = peerView(laptop.value());
        assertThat(after.get("login_expired").asBoolean()).isFalse();
        assertThat(after.get("ip").asString()).isEqualTo(before.get("ip").asString());
        assertThat(Instant.parse(after.get("last_login").asString())).isEqualTo(signedInAt);
        assertThat(accessibleFrom(server)).containsExactly(laptop.value());
        assertThat(accessibleFrom(laptop.value())).containsExactly(server);
        assertThat(sweepAt(signedInAt.plus(DAY).minusSeconds(1))).isEmpty();
        assertThat(sweepAt(signedInAt.plus(DAY))).containsExactly(laptop);
    }

    @Test
    void sweepWhenExpirationShortenedThenCountsFromTheNextSweep() {
        Instant twoHoursLater = enrolledAt.plus(Duration.ofHours(2));
        assertThat(sweepAt(twoHoursLater)).isEmpty();

        settings(Map.of("peer_login_expiration_enabled", true, "peer_login_expiration", 3600));

        assertThat(sweepAt(twoHoursLater)).containsExactly(laptop);
    }

    @Test
    void sweepWhenLoginExpirationSwitchedOffThenNothingExpires() {
        settings(Map.of("peer_login_expiration_enabled", false));

        assertThat(sweepAt(enrolledAt.plus(Duration.ofDays(30)))).isEmpty();
        assertThat(accessibleFrom(server)).containsExactly(laptop.value());
    }

    @Test
    void sweepWhenDisconnectedLongerThanInactivityThenExpired() {
        settings(Map.of("peer_login_expiration_enabled", false, "peer_inactivity_expiration_enabled", true,
                "peer_inactivity_expiration", 3600));
        Instant disconnectedAt = enrolledAt.plusSeconds(60);
        commands.send(new RecordPeerConnectedCommand(laptop, account, "session-1", "192.0.2.44", "0.1.0",
                enrolledAt.plusSeconds(1)), Initiator.SYSTEM);
        assertThat(sweepAt(enrolledAt.plus(Duration.ofHours(5)))).isEmpty();
        commands.send(new RecordPeerDisconnectedCommand(laptop, account, "session-1", disconnectedAt),
                Initiator.SYSTEM);

        assertThat(sweepAt(disconnectedAt.plus(Duration.ofMinutes(59)))).isEmpty();
        assertThat(sweepAt(disconnectedAt.plus(Duration.ofHours(1)))).containsExactly(laptop);
        assertThat(accessibleFrom(server)).isEmpty();
    }

    @Test
    void sweepWhenRunTwiceThenExpiresOnce() {
        sweepAt(enrolledAt.plus(DAY));

        assertThat(sweepAt(enrolledAt.plus(DAY).plusSeconds(30))).isEmpty();
        assertThat(auditCodes(owner).stream().filter("peer.login.expire"::equals)).hasSize(1);
    }
}
