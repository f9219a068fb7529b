package io.netloom.server;

import static io.netloom.server.testing.TestData.error;
import static io.netloom.server.testing.TestData.ok;
import static io.netloom.server.testing.TestData.peerUpdate;
import static io.netloom.server.testing.TestData.with;
import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.server.axon.Commands;
import io.netloom.server.claims.ClaimsBackfill;
import io.netloom.server.testing.NetloomApi;
import io.netloom.server.testing.TestAccounts;
import io.netloom.server.testing.TestPeers;
import io.netloom.server.testing.StandaloneServers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A data directory written before the claims tables existed (ADR 0011): the next start fills them
 * from the replayed events, and from then on they guard the old peers like new ones.
 */
class ClaimsBackfillTest {

    @TempDir
    Path dataDir;

    @Test
    void startWhenStoreWrittenWithoutClaimsThenClaimsFilledFromItsEventsAndEnforced() throws IOException {
        String sharedKey = TestPeers.newPublicKey();
        String alpha;
        String beta;
        String gamma;
        String limitedKeyId;
        String duplicate;
        try (ConfigurableApplicationContext server = StandaloneServers.startInsecure(dataDir)) {
            NetloomApi api = new NetloomApi(StandaloneServers.apiPort(server));
            NetloomApi.Client admin = api.as(Files.readString(dataDir.resolve("admin-token")).trim());
            String key = TestPeers.createReusableKey(admin, List.of());
            JsonNode limited = ok(admin.post("/api/setup-keys", with(TestPeers.reusableKey("three", List.of()),
                    "usage_limit", 3))).body();
            limitedKeyId = limited.get("id").asString();
            alpha = ok(api.anonymous().post("/api/netloom/enroll", TestPeers.enrollment(key, sharedKey, "alpha")))
                    .text("peer_id");
            beta = TestPeers.enroll(api.anonymous(), key, "beta");
            gamma = TestPeers.enroll(api.anonymous(), limited.get("key").asString(), "gamma");

            // What older versions allowed: a second account enrolling a device that another account has.
            JdbcTemplate sql = new JdbcTemplate(server.getBean(DataSource.class));
            sql.execute("ALTER TABLE peer_claim DROP CONSTRAINT peer_claim_public_key");
            NetloomApi.Client other = new TestAccounts(server.getBean(Commands.class), api).newAccount();
            duplicate = ok(api.anonymous().post("/api/netloom/enroll",
                    TestPeers.enrollment(TestPeers.createReusableKey(other, List.of()), sharedKey, "copy")))
                    .text("peer_id");
            // The schema as it was before: no claims tables (nor the later event chain, history and read-model
            // snapshots), and Flyway has never run their migrations.
            sql.execute("DROP TABLE peer_claim, setup_key_usage, event_chain, network_model_snapshot_part,"
                    + " network_model_snapshot, read_model_snapshot_part, read_model_snapshot");
            sql.update("DELETE FROM flyway_schema_history WHERE version IN ('3', '4', '5', '6', '7', '8')");
        }

        try (ConfigurableApplicationContext server = StandaloneServers.startInsecure(dataDir)) {
            NetloomApi api = new NetloomApi(StandaloneServers.apiPort(server));
            NetloomApi.Client admin = api.as(Files.readString(dataDir.resolve("admin-token")).trim());
            JdbcTemplate sql = new JdbcTemplate(server.getBean(DataSource.class));

            Map<String, JsonNode> peers = new HashMap<>();
            ok(admin.get("/api/peers")).body().valueStream().forEach(peer -> peers.put(peer.get("id").asString(), peer));
            List<Map<String, Object>> claims = sql.queryForList(
                    "SELECT peer_id, public_key, overlay_ip, dns_label FROM peer_claim ORDER BY dns_label");
            assertThat(claims).extracting(row -> row.get("peer_id")).containsExactly(alpha, beta, gamma);
            for (Map<String, Object> claim : claims) {
                JsonNode peer = peers.get((String) claim.get("peer_id"));
                assertThat(claim.get("overlay_ip")).isEqualTo(peer.get("ip").asString());
                assertThat(peer.get("dns_label").asString()).startsWith(claim.get("dns_label") + ".");
            }
            assertThat(claims.get(0).get("public_key")).isEqualTo(sharedKey);
            assertThat(sql.queryForList("SELECT peer_id FROM peer_claim WHERE peer_id = ?", duplicate)).isEmpty();
            assertThat(sql.queryForMap("SELECT usage_limit, used FROM setup_key_usage WHERE setup_key_id = ?",
                    limitedKeyId)).isEqualTo(Map.of("usage_limit", 3, "used", 1));
            assertThat(sql.queryForObject("SELECT count(*) FROM setup_key_usage", Integer.class)).isEqualTo(1);

            NetloomApi.Client third = new TestAccounts(server.getBean(Commands.class), api).newAccount();
            error(api.anonymous().post("/api/netloom/enroll",
                    TestPeers.enrollment(TestPeers.createReusableKey(third, List.of()), sharedKey, "third")), 401);
            String betaIp = peers.get(beta).get("ip").asString();
            error(admin.put("/api/peers/{peerId}", with(peerUpdate("alpha"), "ip", betaIp), alpha), 409);

            // A store written around the server (as the replay benchmark's filler does) lags the same way.
            sql.update("DELETE FROM peer_claim WHERE peer_id = ?", beta);
            server.getBean(ClaimsBackfill.class).claimWhatIsMissing();
            assertThat(sql.queryForObject("SELECT overlay_ip FROM peer_claim WHERE peer_id = ?", String.class, beta))
                    .isEqualTo(betaIp);
        }
    }
}
