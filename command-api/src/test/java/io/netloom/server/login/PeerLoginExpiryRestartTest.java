package io.netloom.server.login;

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
import io.netloom.domain.user.GroupsClaim;
import io.netloom.domain.user.RecordUserLoginCommand;
import io.netloom.projections.directory.Directory;
import io.netloom.server.axon.Commands;
import io.netloom.server.axon.Initiator;
import io.netloom.server.testing.NetloomApi;
import io.netloom.server.testing.StandaloneServers;
import io.netloom.server.testing.TestPeers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Login expiry across restarts: the sweep keeps no state of its own, so a login that falls due while the
 * server is down expires at the first sweep after the start, and an expired device stays out of the maps
 * after a restart until its person signs in again.
 */
class PeerLoginExpiryRestartTest {

    private static final Duration DAY = Duration.ofHours(24);

    @TempDir
    Path dataDir;

    @Test
    void sweepWhenLoginFellDueWhileServerWasDownThenExpiresAfterStartAndStaysExpiredOverRestart()
            throws IOException {
        String adminToken;
        AccountId account;
        UserId alice;
        PeerId laptop;
        String server;
        Instant enrolledAt = Instant.now();

        try (ConfigurableApplicationContext running = StandaloneServers.startInsecure(dataDir)) {
            adminToken = Files.readString(dataDir.resolve("admin-token")).trim();
            NetloomApi.Client admin = new NetloomApi(StandaloneServers.apiPort(running)).as(adminToken);
            account = new AccountId(ok(admin.get("/api/accounts")).body().get(0).get("id").asString());
            alice = new UserId(createUser(admin, regularUser("alice@example.com", "user")));
            laptop = new UserDevices(running.getBean(Commands.class)).enroll(account, alice, "laptop", enrolledAt);
            server = TestPeers.enroll(new NetloomApi(StandaloneServers.apiPort(running)).anonymous(),
                    TestPeers.createReusableKey(admin, List.of()), "server");
            String all = groupNamed(admin, "All");
            ok(admin.post("/api/policies", policy("mesh", true, List.of(rule("r", List.of(all), List.of(all))))));
            assertThat(accessibleFrom(admin, server)).containsExactly(laptop.value());
        }

        try (ConfigurableApplicationContext running = StandaloneServers.startInsecure(dataDir)) {
            NetloomApi.Client admin = new NetloomApi(StandaloneServers.apiPort(running)).as(adminToken);
            assertThat(sweepAt(running, account, enrolledAt.plus(DAY))).containsExactly(laptop);
            assertThat(accessibleFrom(admin, server)).isEmpty();
        }

        try (ConfigurableApplicationContext running = StandaloneServers.startInsecure(dataDir)) {
            NetloomApi.Client admin = new NetloomApi(StandaloneServers.apiPort(running)).as(adminToken);
            assertThat(accessibleFrom(admin, server)).isEmpty();
            assertThat(accessibleFrom(admin, laptop.value())).isEmpty();
            assertThat(ok(admin.get("/api/peers/{peerId}", laptop.value())).body().get("login_expired").asBoolean())
                    .isTrue();
            assertThat(sweepAt(running, account, enrolledAt.plus(DAY).plusSeconds(60))).isEmpty();

            running.getBean(UserLogins.class).record(new RecordUserLoginCommand(account, alice, laptop,
                    GroupsClaim.of(null), enrolledAt.plus(DAY).plusSeconds(120)), new Initiator(alice.value()));

            assertThat(accessibleFrom(admin, server)).containsExactly(laptop.value());
        }
    }

    private static List<PeerId> sweepAt(ConfigurableApplicationContext running, AccountId account, Instant now) {
        return new PeerLoginExpiry(running.getBean(Directory.class), running.getBean(Commands.class),
                Clock.fixed(now, ZoneOffset.UTC)).sweep(account);
    }

    private static List<String> accessibleFrom(NetloomApi.Client admin, String peer) {
        return ok(admin.get("/api/peers/{peerId}/accessible-peers", peer)).body().valueStream()
                .map(remote -> remote.get("id").asString()).toList();
    }
}
