package io.netloom.server.readmodel.snapshot;

import static io.netloom.server.testing.TestData.createGroup;
import static io.netloom.server.testing.TestData.createPolicy;
import static io.netloom.server.testing.TestData.groupNamed;
import static io.netloom.server.testing.TestData.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.server.readmodel.ReadModelCheck;
import io.netloom.server.readmodel.StartupSequence;
import io.netloom.server.testing.NetloomApi;
import io.netloom.server.testing.StandaloneServers;
import io.netloom.server.testing.TestData;
import io.netloom.server.testing.TestPeers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A server started from a read-model snapshot and the events after it holds what a replay of the whole store holds
 * (ADR 0054), including an event whose append was still open — a gap below the snapshot's position — when the
 * snapshot was taken; and a snapshot that cannot be read makes the start replay everything instead of failing.
 */
class ReadModelSnapshotStartTest {

    /** The background writer stays out of the way: this test takes its snapshot itself. */
    private static final String NO_BACKGROUND_WRITER = "netloom.read-model-snapshots.first-check=1h";

    @TempDir
    Path dataDir;

    @Test
    void startWhenASnapshotAndLaterEventsAreStoredThenOnlyTheTailIsReplayedAndTheModelsEqualAReplay()
            throws Exception {
        String adminToken;
        String peer;
        JsonNode mapBefore;
        JsonNode peersBefore;
        List<JsonNode> groupsBefore;
        long snapshot;
        try (ConfigurableApplicationContext server = start()) {
            adminToken = Files.readString(dataDir.resolve("admin-token")).trim();
            NetloomApi.Client admin = new NetloomApi(StandaloneServers.apiPort(server)).as(adminToken);
            NetloomApi.Client anonymous = new NetloomApi(StandaloneServers.apiPort(server)).anonymous();
            String servers = createGroup(admin, "servers");
            String key = TestPeers.createReusableKey(admin, List.of(servers));
            peer = TestPeers.enroll(anonymous, key, "box-1");
            TestPeers.enroll(anonymous, key, "box-2");
            createPolicy(admin, "servers talk", List.of(servers), List.of(servers));

            JdbcTemplate sql = new JdbcTemplate(server.getBean(DataSource.class));
            try (Connection held = server.getBean(DataSource.class).getConnection()) {
                // An append that has taken its global index but not committed while later events commit and the
                // snapshot is taken: the snapshot's position must leave it to the replay after it.
                held.setAutoCommit(false);
                appendGroupCopy(held, sql, servers, "held back");
                TestPeers.enroll(anonymous, key, "box-3");
                ReadModelSnapshotBuilder.Written written = server.getBean(ReadModelSnapshotBuilder.class).build()
                        .orElseThrow();
                snapshot = written.id();
                assertThat(written.position().getGaps()).as("the open append's index").isNotEmpty();
                held.commit();
            }

            String later = createGroup(admin, "later");
            TestPeers.enroll(anonymous, key, "box-4");
            ok(admin.put("/api/groups/{groupId}", TestData.group("servers", List.of(peer)), servers));
            createPolicy(admin, "later talks", List.of(later), List.of(servers));
            mapBefore = ok(admin.get("/api/peers/{peerId}/network-map", peer)).body();
            peersBefore = ok(admin.get("/api/peers")).body();
            groupsBefore = groupsBesidesHeldBack(admin);
        }

        try (ConfigurableApplicationContext server = start()) {
            NetloomApi.Client admin = new NetloomApi(StandaloneServers.apiPort(server)).as(adminToken);
            var restored = server.getBean(StartupSequence.class).restored();
            ReadModelCheck.Result check = server.getBean(ReadModelCheck.class).run();

            assertThat(restored.snapshot()).map(ReadModelSnapshotStore.Stored::id).contains(snapshot);
            assertThat(restored.eventsReplayed()).isPositive().isLessThan(check.eventsReplayed());
            assertThat(check.outcome()).as("%s", check.differences()).isEqualTo(ReadModelCheck.Outcome.EQUAL);
            assertThat(groupNamed(admin, "held back")).isNotNull();
            assertThat(ok(admin.get("/api/peers/{peerId}/network-map", peer)).body()).isEqualTo(mapBefore);
            assertThat(ok(admin.get("/api/peers")).body()).isEqualTo(peersBefore);
            assertThat(groupsBesidesHeldBack(admin)).isEqualTo(groupsBefore);

            assertOlderFormatWrittenAgainInTheCurrentOne(server);

            new JdbcTemplate(server.getBean(DataSource.class)).update(
                    "UPDATE read_model_snapshot_part SET bytes = ? WHERE part = 1", (Object) new byte[] {1, 2, 3});
        }

        try (ConfigurableApplicationContext server = start()) {
            NetloomApi.Client admin = new NetloomApi(StandaloneServers.apiPort(server)).as(adminToken);
            var restored = server.getBean(StartupSequence.class).restored();
            ReadModelCheck.Result check = server.getBean(ReadModelCheck.class).run();

            assertThat(restored.snapshot()).as("the damaged snapshot is passed over").isEmpty();
            assertThat(restored.eventsReplayed()).isEqualTo(check.eventsReplayed());
            assertThat(check.outcome()).as("%s", check.differences()).isEqualTo(ReadModelCheck.Outcome.EQUAL);
            assertThat(ok(admin.get("/api/peers/{peerId}/network-map", peer)).body()).isEqualTo(mapBefore);
            assertThat(groupsBesidesHeldBack(admin)).isEqualTo(groupsBefore);
            assertThat(groupNamed(admin, "held back")).isNotNull();
        }
    }

    /**
     * After an upgrade the newest snapshot may be of the format before (ADR 0065): the builder then writes one in the
     * current format even though no event came after it, and only then has nothing to do.
     */
    private static void assertOlderFormatWrittenAgainInTheCurrentOne(ConfigurableApplicationContext server) {
        ReadModelSnapshotBuilder builder = server.getBean(ReadModelSnapshotBuilder.class);
        ReadModelSnapshotStore store = server.getBean(ReadModelSnapshotStore.class);
        ReadModelSnapshotCodec codec = server.getBean(ReadModelSnapshotCodec.class);
        JdbcTemplate sql = new JdbcTemplate(server.getBean(DataSource.class));
        long atHead = builder.build().orElseThrow().id();
        ReadModelSnapshotCodec.ReadModels models = codec.decode(ReadModelSnapshotCodec.FORMAT,
                store.parts(atHead).orElseThrow(), false);
        ReadModelSnapshotCodec.Encoded older = codec.encode(1, models.directory(), models.networkMaps());
        sql.update("UPDATE read_model_snapshot SET format = 1 WHERE id = ?", atHead);
        sql.update("UPDATE read_model_snapshot_part SET bytes = ? WHERE snapshot_id = ? AND part = 0", older.common(),
                atHead);
        for (int i = 0; i < older.accounts().size(); i++) {
            sql.update("UPDATE read_model_snapshot_part SET bytes = ? WHERE snapshot_id = ? AND part = ?",
                    older.accounts().get(i), atHead, i + 1);
        }

        ReadModelSnapshotBuilder.Written rewritten = builder.build().orElseThrow();

        assertThat(rewritten.eventsAfterPrevious()).isZero();
        assertThat(rewritten.position().getIndex()).isEqualTo(store.newestFirst().get(1).token().getIndex());
        assertThat(store.newestFirst()).extracting(ReadModelSnapshotStore.Stored::format)
                .containsExactly(ReadModelSnapshotCodec.FORMAT, 1);
        assertThat(builder.build()).as("nothing after a snapshot of the current format").isEmpty();
    }

    /** The first server's live directory never saw the group appended past its API; the restarted ones do. */
    private static List<JsonNode> groupsBesidesHeldBack(NetloomApi.Client admin) {
        return ok(admin.get("/api/groups")).body().valueStream()
                .filter(group -> !group.get("name").asString().equals("held back")).toList();
    }

    private ConfigurableApplicationContext start() {
        return StandaloneServers.startInsecure(dataDir, NO_BACKGROUND_WRITER);
    }

    /** Appends, on {@code held}'s open transaction, a copy of group {@code original}'s creation under a new id. */
    private static void appendGroupCopy(Connection held, JdbcTemplate sql, String original, String name)
            throws Exception {
        String copy = UUID.randomUUID().toString();
        try (PreparedStatement insert = held.prepareStatement("INSERT INTO domainevententry (aggregateidentifier,"
                + " sequencenumber, type, eventidentifier, metadata, payload, payloadrevision, payloadtype, timestamp)"
                + " SELECT ?, 0, type, ?, metadata, convert_to(replace(replace(convert_from(payload, 'UTF8'), ?, ?),"
                + " '\"servers\"', ?), 'UTF8'), payloadrevision, payloadtype, timestamp FROM domainevententry"
                + " WHERE aggregateidentifier = ? AND sequencenumber = 0")) {
            insert.setString(1, copy);
            insert.setString(2, UUID.randomUUID().toString());
            insert.setString(3, original);
            insert.setString(4, copy);
            insert.setString(5, "\"" + name + "\"");
            insert.setString(6, original);
            assertThat(insert.executeUpdate()).isEqualTo(1);
        }
        assertThat(sql.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?",
                Long.class, copy)).as("not visible before it commits").isZero();
    }
}
