package io.netloom.server.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets the processes that start together on one database take the database steps of their start-up one at a time
 * (ADR 0056): the chain and claims backfills and the first account would otherwise run twice at once, and two
 * processes starting on an empty store would each create a first account. A session advisory lock, on a
 * connection of its own that ends with the step, also when the process dies halfway.
 */
public final class StartUpTurns {

    private static final Logger log = LoggerFactory.getLogger(StartUpTurns.class);

    private final DirectConnections connections;

    public StartUpTurns(DirectConnections connections) {
        this.connections = connections;
    }

    /** Runs {@code steps} while no other process runs start-up steps; waits for its turn first. */
    public void inTurn(String what, Runnable steps) {
        try (Connection session = connections.open("netloom-start-up")) {
            long waited = System.nanoTime();
            call(session, "SELECT pg_advisory_lock(?, 0)");
            long waitedMillis = (System.nanoTime() - waited) / 1_000_000;
            if (waitedMillis >= 1_000) {
                log.info("Waited {} ms for another process's start-up before: {}", waitedMillis, what);
            }
            try {
                steps.run();
            } finally {
                call(session, "SELECT pg_advisory_unlock(?, 0)");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot take the start-up turn for " + what + ": " + e.getMessage(), e);
        }
    }

    private static void call(Connection session, String sql) throws SQLException {
        try (PreparedStatement statement = session.prepareStatement(sql)) {
            statement.setInt(1, AdvisoryLocks.START_UP.namespace());
            statement.execute();
        }
    }
}
