package io.netloom.server.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL itself killed (as the out-of-memory killer may do): the next start finds the cluster not
 * shut down cleanly, replays its write-ahead log before starting, and every committed row is there.
 */
class EmbeddedDatabaseCrashRecoveryTest {

    @TempDir
    Path dataDir;

    @Test
    void startWhenPostgresWasKilledThenRecoversAndKeepsEveryCommittedRow() throws Exception {
        Path files = dataDir.resolve("postgres");
        EmbeddedDatabase first = EmbeddedDatabase.start(dataDir);
        try (Connection connection = connect(first); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE crash_proof (n integer PRIMARY KEY)");
            for (int i = 0; i < 500; i++) {
                statement.execute("INSERT INTO crash_proof VALUES (" + i + ")");
            }
        }
        long postmaster = PostmasterPidFile.in(files).orElseThrow().pid();
        ProcessHandle handle = ProcessHandle.of(postmaster).orElseThrow();
        List<ProcessHandle> children = handle.children().toList();
        handle.destroyForcibly();
        handle.onExit().get(60, TimeUnit.SECONDS);
        for (ProcessHandle child : children) {
            // Backends notice their postmaster's death and exit; their shared memory must be gone first.
            child.onExit().get(60, TimeUnit.SECONDS);
        }
        first.close();
        assertThat(ControlFile.needsRecovery(files)).as("killed, not shut down").isTrue();

        try (EmbeddedDatabase second = EmbeddedDatabase.start(dataDir);
                Connection connection = connect(second); Statement statement = connection.createStatement();
                ResultSet count = statement.executeQuery("SELECT count(*) FROM crash_proof")) {
            count.next();
            assertThat(count.getInt(1)).isEqualTo(500);
        }
        assertThat(ControlFile.needsRecovery(files)).as("shut down cleanly at close").isFalse();
    }

    private static Connection connect(EmbeddedDatabase database) throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), EmbeddedDatabase.OWNER, database.ownerPassword());
    }
}
