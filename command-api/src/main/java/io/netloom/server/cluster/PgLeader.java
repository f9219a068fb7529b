package io.netloom.server.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Elects one leader among the server processes on one PostgreSQL (ADR 0056): the process whose session holds the
 * {@link AdvisoryLocks#LEADER} lock. The session is a connection of its own, outside the pool, so that only this
 * class decides when it ends; PostgreSQL releases the lock when it does, also when the process dies (kill -9 closes
 * the socket). The others try again every {@code retryEvery}. Leadership is checked against the session each time
 * it is asked: a lost connection is "not the leader" at once, never "the leader until the next check".
 */
public final class PgLeader implements Leadership, SmartLifecycle {

    /** Before the start-up sequence (Integer.MAX_VALUE - 2048) and the periodic tasks that ask for the leader. */
    private static final int PHASE = Integer.MAX_VALUE - 2560;

    private static final Logger log = LoggerFactory.getLogger(PgLeader.class);
    private static final int VALIDITY_SECONDS = 2;
    private static final int NETWORK_TIMEOUT_MILLIS = 5_000;

    private final DirectConnections connections;
    private final Duration retryEvery;
    /** This process's session, holding the lock or not; null when there is none. Guarded by this. */
    private Connection session;
    private boolean holding;
    private ScheduledExecutorService retries;

    public PgLeader(DirectConnections connections, Duration retryEvery) {
        this.connections = connections;
        this.retryEvery = retryEvery;
    }

    /** Tries to become the leader now, and again every {@code retryEvery} until {@link #stop()}. */
    @Override
    public synchronized void start() {
        tryToLead();
        retries = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "pg-leader");
            thread.setDaemon(true);
            return thread;
        });
        retries.scheduleWithFixedDelay(this::tryToLead, retryEvery.toMillis(), retryEvery.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Gives the leadership up (the session ends) and stops trying. */
    @Override
    public synchronized void stop() {
        if (retries != null) {
            retries.shutdownNow();
            retries = null;
        }
        if (holding) {
            log.info("Leaving the cluster's leadership");
            unlock();
        }
        endSession();
    }

    /**
     * Releases the lock before the session ends: PostgreSQL frees a closed session's locks only once its backend has
     * exited, a moment after the connection's close returns, and a process asking right after would not see it free.
     */
    private void unlock() {
        try (PreparedStatement statement = session.prepareStatement("SELECT pg_advisory_unlock(?, 0)")) {
            statement.setInt(1, AdvisoryLocks.LEADER.namespace());
            statement.execute();
        } catch (SQLException e) {
            log.debug("Could not release the leadership before leaving (the session's end releases it): {}",
                    e.getMessage());
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return retries != null;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    @Override
    public synchronized boolean isLeader() {
        if (!holding) {
            return false;
        }
        if (sessionAlive()) {
            return true;
        }
        log.warn("Lost the database session that held the cluster's leadership; another process may take it");
        endSession();
        return false;
    }

    /** One attempt: true if this process is the leader afterwards. */
    public synchronized boolean tryToLead() {
        if (isLeader()) {
            return true;
        }
        try {
            if (session == null || !sessionAlive()) {
                endSession();
                session = connections.open("netloom-leader");
                // A cut network fails the leader's statements instead of hanging the thread that asks.
                session.setNetworkTimeout(Runnable::run, NETWORK_TIMEOUT_MILLIS);
            }
            try (PreparedStatement statement = session.prepareStatement("SELECT pg_try_advisory_lock(?, 0)")) {
                statement.setInt(1, AdvisoryLocks.LEADER.namespace());
                try (ResultSet result = statement.executeQuery()) {
                    result.next();
                    holding = result.getBoolean(1);
                }
            }
            if (holding) {
                log.info("This process is the cluster's leader: it runs the work done once per cluster");
            }
            return holding;
        } catch (SQLException e) {
            log.debug("Could not ask the database for the cluster's leadership: {}", e.getMessage());
            endSession();
            return false;
        }
    }

    private boolean sessionAlive() {
        try {
            return session != null && session.isValid(VALIDITY_SECONDS);
        } catch (SQLException e) {
            return false;
        }
    }

    private void endSession() {
        holding = false;
        if (session == null) {
            return;
        }
        try {
            session.close();
        } catch (SQLException e) {
            log.debug("Closing the leader session failed (it is gone either way): {}", e.getMessage());
        }
        session = null;
    }
}
