package io.netloom.server;

import static io.netloom.server.testing.TestData.createGroup;
import static io.netloom.server.testing.TestData.createPolicy;
import static io.netloom.server.testing.TestData.ids;
import static io.netloom.server.testing.TestData.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.peer.RecordPeerConnectedCommand;
import io.netloom.server.axon.Commands;
import io.netloom.server.axon.Initiator;
import io.netloom.server.testing.NetloomApi;
import io.netloom.server.testing.TestPeers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import io.netloom.server.testing.StandaloneServers;

/** The server as an operator runs it: started, stopped and started again on the same data directory. */
class RestartTest {

    @TempDir
    Path dataDir;

    @Test
    void startWhenDataDirectoryExistsThenEverythingIsKeptAndNoNewAccountIsCreated() throws IOException {
        Path tokenFile = dataDir.resolve("admin-token");
        String adminToken;
        String tokenFileBefore;
        String accountId;
        String group;
        String keyId;
        String plainKey;
        String publicKey = TestPeers.newPublicKey();
        String peerId;
        String peerIp;
        String policy;
        JsonNode peersBefore;
        JsonNode groupsBefore;
        JsonNode setupKeysBefore;
        JsonNode policiesBefore;
        JsonNode usersBefore;
        JsonNode networkMapBefore;
        int auditLinesBefore;

        try (ConfigurableApplicationContext server = StandaloneServers.startInsecure(dataDir)) {
            assertThat(tokenFile).isRegularFile();
            assertThat(Files.getPosixFilePermissions(tokenFile))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            tokenFileBefore = Files.readString(tokenFile);
            adminToken = tokenFileBefore.trim();
            NetloomApi.Client admin = new NetloomApi(StandaloneServers.apiPort(server)).as(adminToken);
            NetloomApi.Client anonymous = new NetloomApi(StandaloneServers.apiPort(server)).anonymous();
            JsonNode accounts = ok(admin.get("/api/accounts")).body();
            assertThat(accounts).hasSize(1);
            accountId = accounts.get(0).get("id").asString();
            assertThat(ok(admin.get("/api/users/current")).text("role")).isEqualTo("owner");

            group = createGroup(admin, "servers");
            JsonNode key = ok(admin.post("/api/setup-keys", TestPeers.reusableKey("office", List.of(group)))).body();
            keyId = key.get("id").asString();
            plainKey = key.get("key").asString();
            JsonNode enrolled = ok(anonymous.post("/api/netloom/enroll",
                    TestPeers.enrollment(plainKey, publicKey, "box"))).body();
            peerId = enrolled.get("peer_id").asString();
            peerIp = enrolled.get("overlay_ip").asString();
            policy = createPolicy(admin, "servers talk", List.of(group), List.of(group));
            TestPeers.enroll(anonymous, plainKey, "neighbour");

            peersBefore = ok(admin.get("/api/peers")).body();
            groupsBefore = ok(admin.get("/api/groups")).body();
            setupKeysBefore = ok(admin.get("/api/setup-keys")).body();
            policiesBefore = ok(admin.get("/api/policies")).body();
            usersBefore = ok(admin.get("/api/users")).body();
            networkMapBefore = ok(admin.get("/api/peers/{peerId}/network-map", peerId)).body();
            auditLinesBefore = ok(admin.get("/api/events/audit")).body().size();
        }

        try (ConfigurableApplicationContext server = StandaloneServers.startInsecure(dataDir)) {
            NetloomApi.Client admin = new NetloomApi(StandaloneServers.apiPort(server)).as(adminToken);
            NetloomApi.Client anonymous = new NetloomApi(StandaloneServers.apiPort(server)).anonymous();

            assertThat(Files.readString(tokenFile)).isEqualTo(tokenFileBefore);
            assertThat(Files.getPosixFilePermissions(tokenFile))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(ids(admin.get("/api/accounts"))).containsExactly(accountId);
            assertThat(ok(admin.get("/api/peers")).body()).isEqualTo(peersBefore);
            assertThat(ok(admin.get("/api/groups")).body()).isEqualTo(groupsBefore);
            assertThat(ok(admin.get("/api/setup-keys")).body()).isEqualTo(setupKeysBefore);
            assertThat(ok(admin.get("/api/policies")).body()).isEqualTo(policiesBefore);
            assertThat(ok(admin.get("/api/users")).body()).isEqualTo(usersBefore);
            assertThat(networkMapBefore.get("remote_peers")).hasSize(1);
            assertThat(ok(admin.get("/api/peers/{peerId}/network-map", peerId)).body()).isEqualTo(networkMapBefore);
            assertThat(ok(admin.get("/api/events/audit")).body()).hasSize(auditLinesBefore);
            assertThat(ids(admin.get("/api/groups"))).contains(group);
            assertThat(ids(admin.get("/api/setup-keys"))).containsExactly(keyId);
            assertThat(ids(admin.get("/api/policies"))).containsExactly(policy);

            JsonNode again = ok(anonymous.post("/api/netloom/enroll",
                    TestPeers.enrollment(plainKey, publicKey, "box"))).body();
            assertThat(again.get("peer_id").asString()).isEqualTo(peerId);
            assertThat(again.get("overlay_ip").asString()).isEqualTo(peerIp);
            assertThat(ids(admin.get("/api/peers"))).hasSize(2).contains(peerId);
            assertThat(ok(admin.get("/api/setup-keys/{keyId}", keyId)).body().get("used_times").asInt()).isEqualTo(2);
            String newPeer = TestPeers.enroll(anonymous, plainKey, "second box");
            assertThat(ok(admin.get("/api/peers/{peerId}", newPeer)).text("ip")).isNotEqualTo(peerIp);
        }
    }

    /** A crash leaves sessions recorded as open; the next start records them as ended. */
    @Test
    void startWhenSessionsWereRecordedOpenThenPeersShownOffline() throws InterruptedException {
        String tokenFileToken;
        String peerId;
        try (ConfigurableApplicationContext server = StandaloneServers.startInsecure(dataDir)) {
            tokenFileToken = readToken();
            NetloomApi.Client admin = new NetloomApi(StandaloneServers.apiPort(server)).as(tokenFileToken);
            peerId = TestPeers.enroll(new NetloomApi(StandaloneServers.apiPort(server)).anonymous(),
                    ok(admin.post("/api/setup-keys", TestPeers.reusableKey("office", List.of()))).body().get("key")
                            .asString(), "crashed");
            JsonNode account = ok(admin.get("/api/accounts")).body().get(0);
            server.getBean(Commands.class).send(new RecordPeerConnectedCommand(new PeerId(peerId),
                    new AccountId(account.get("id").asString()), "session-of-a-dead-gateway", "192.0.2.7", "0.1",
                    Instant.now()), Initiator.SYSTEM);
            assertThat(ok(admin.get("/api/peers/{peerId}", peerId)).body().get("connected").asBoolean()).isTrue();
        }

        try (ConfigurableApplicationContext server = StandaloneServers.startInsecure(dataDir)) {
            NetloomApi.Client admin = new NetloomApi(StandaloneServers.apiPort(server)).as(tokenFileToken);
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
            while (ok(admin.get("/api/peers/{peerId}", peerId)).body().get("connected").asBoolean()
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            JsonNode peer = ok(admin.get("/api/peers/{peerId}", peerId)).body();
            assertThat(peer.get("connected").asBoolean()).isFalse();
            assertThat(peer.get("connection_ip").asString()).isEqualTo("192.0.2.7");
        }
    }

    private String readToken() {
        try {
            return Files.readString(dataDir.resolve("admin-token")).trim();
        } catch (IOException e) {
            throw new AssertionError("no admin token", e);
        }
    }


}
