package io.netloom.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.server.database.EmbeddedDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Leaders of processes sharing one PostgreSQL (ADR 0056), each with its own session as a server process has. The
 * periodic retry is set far beyond the test's length: every attempt here is the test's own.
 */
class PgLeaderTest {

    private static final Duration NO_RETRY_DURING_TEST = Duration.ofHours(1);

    @TempDir
    static Path dataDir;

    private static EmbeddedDatabase database;
    private static DirectConnections connections;

    private final List<PgLeader> leaders = new ArrayList<>();

    @BeforeAll
    static void startDatabase() throws Exception {
        database = EmbeddedDatabase.start(dataDir);
        connections = new DirectConnections(database.jdbcUrl(), EmbeddedDatabase.OWNER, database.ownerPassword());
    }

    @AfterAll
    static void stopDatabase() throws Exception {
        database.close();
    }

    @AfterEach
    void stopLeaders() {
        leaders.forEach(PgLeader::stop);
    }

    @Test
    void startWhenAlone() {
        PgLeader alone = started();

        assertThat(alone.isLeader()).isTrue();
    }

    @Test
    void startWhenTwoProcessesThenExactlyOneLeads() {
        PgLeader first = started();
        PgLeader second = started();

        assertThat(List.of(first.isLeader(), second.isLeader())).containsExactlyInAnyOrder(true, false);
        assertThat(second.tryToLead()).as("a retry while the leader lives").isFalse();
        assertThat(first.isLeader()).isTrue();
    }

    @Test
    void isLeaderWhenLeadersSessionEndedThenNotLeaderAtOnceAndOtherTakesOver() throws Exception {
        PgLeader first = started();
        PgLeader second = started();
        assertThat(first.isLeader()).isTrue();

        int ended = terminateLeaderSessions();

        assertThat(ended).isEqualTo(1);
        assertThat(first.isLeader()).as("the leader whose connection was closed").isFalse();
        assertThat(second.tryToLead()).isTrue();
        assertThat(second.isLeader()).isTrue();
        assertThat(first.tryToLead()).as("the former leader, with a new session").isFalse();
    }

    @Test
    void stopWhenLeaderThenOtherTakesOver() {
        PgLeader first = started();
        PgLeader second = started();

        first.stop();

        assertThat(first.isLeader()).isFalse();
        assertThat(second.tryToLead()).isTrue();
    }

    private PgLeader started() {
        PgLeader leader = new PgLeader(connections, NO_RETRY_DURING_TEST);
        leaders.add(leader);
        leader.start();
        return leader;
    }

    /** What a dead process or a cut network does to the leader's session, seen from the database. */
    private static int terminateLeaderSessions() throws Exception {
        try (Connection admin = connections.open("test");
                Statement statement = admin.createStatement();
                ResultSet result = statement.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_locks"
                        + " WHERE locktype = 'advisory' AND granted AND classid = "
                        + AdvisoryLocks.LEADER.namespace() + " AND objsubid = 2")) {
            result.next();
            return result.getInt(1);
        }
    }
}
