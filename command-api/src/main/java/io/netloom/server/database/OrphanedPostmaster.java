package io.netloom.server.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL left running on the server's data directory by a server that did not stop (killed with
 * {@code kill -9}, by the out-of-memory killer): the embedded PostgreSQL is started through pg_ctl,
 * which detaches it, so it outlives the JVM and keeps the data directory locked.
 *
 * <p>Only called while holding the embedded database's directory lock, so no live server uses the
 * directory: a PostgreSQL serving it is an orphan. It is recognised by its {@code postmaster.pid} and
 * its command line ({@code postgres ... -D <this directory>}); any other process is never signalled.
 */
final class OrphanedPostmaster {

    private static final Logger log = LoggerFactory.getLogger(OrphanedPostmaster.class);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    private final Duration fastShutdownWait;
    private final Duration immediateShutdownWait;

    OrphanedPostmaster(Duration fastShutdownWait, Duration immediateShutdownWait) {
        this.fastShutdownWait = fastShutdownWait;
        this.immediateShutdownWait = immediateShutdownWait;
    }

    /** Stops an orphaned PostgreSQL of {@code dataDirectory}, or removes a lock file no live process stands behind. */
    void stopIfRunning(Path dataDirectory) throws IOException {
        Optional<PostmasterPidFile> found = PostmasterPidFile.in(dataDirectory);
        if (found.isEmpty()) {
            return;
        }
        PostmasterPidFile pidFile = found.get();
        if (pidFile.pid() == 0) {
            log.warn("Removing the unreadable PostgreSQL lock file {} (left by a crash while it was written)",
                    pidFile.file());
            Files.deleteIfExists(pidFile.file());
            return;
        }
        switch (PostgresProcesses.identify(pidFile.pid(), dataDirectory)) {
            case SOMETHING_ELSE -> {
                log.info("PostgreSQL's lock file names PID {}, which is not a PostgreSQL of {}: the last stop was"
                        + " not clean; removing the stale lock file", pidFile.pid(), dataDirectory);
                Files.deleteIfExists(pidFile.file());
            }
            case UNKNOWN -> throw new EmbeddedDatabaseException("PostgreSQL's lock file " + pidFile.file()
                    + " names PID " + pidFile.pid() + ", a running postgres whose data directory cannot be told."
                    + " If it does not serve " + dataDirectory + ", delete the lock file; otherwise stop it.");
            case POSTGRES_OF_THIS_DIRECTORY -> stop(pidFile, dataDirectory);
        }
    }

    private void stop(PostmasterPidFile pidFile, Path dataDirectory) throws IOException {
        long pid = pidFile.pid();
        log.warn("An embedded PostgreSQL (PID {}) is still running on {}, left behind by a server that did not stop;"
                + " stopping it (fast shutdown)", pid, dataDirectory);
        signal(pid, "INT");
        if (awaitStop(pidFile, fastShutdownWait)) {
            log.info("The orphaned PostgreSQL (PID {}) has stopped", pid);
            return;
        }
        log.warn("The orphaned PostgreSQL (PID {}) did not stop within {} s; immediate shutdown"
                + " (crash recovery follows at start)", pid, fastShutdownWait.toSeconds());
        signal(pid, "QUIT");
        if (!awaitStop(pidFile, immediateShutdownWait)) {
            throw new EmbeddedDatabaseException("The orphaned PostgreSQL (PID " + pid + ") on " + dataDirectory
                    + " did not stop after fast and immediate shutdown requests; stop it and start the server again.");
        }
        log.info("The orphaned PostgreSQL (PID {}) has stopped", pid);
    }

    /** Stopped once PostgreSQL removed its lock file (it does so last) or the process is gone. */
    private static boolean awaitStop(PostmasterPidFile pidFile, Duration limit) {
        long start = System.nanoTime();
        long nextProgress = PROGRESS_EVERY.toNanos();
        while (Files.exists(pidFile.file()) && ProcessHandle.of(pidFile.pid()).map(ProcessHandle::isAlive).orElse(false)) {
            long elapsed = System.nanoTime() - start;
            if (elapsed >= limit.toNanos()) {
                return false;
            }
            if (elapsed >= nextProgress) {
                log.info("Waiting for the orphaned PostgreSQL (PID {}) to stop: {} s", pidFile.pid(),
                        TimeUnit.NANOSECONDS.toSeconds(elapsed));
                nextProgress += PROGRESS_EVERY.toNanos();
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EmbeddedDatabaseException("interrupted while stopping the orphaned PostgreSQL", e);
            }
        }
        return true;
    }

    private static void signal(long pid, String signal) throws IOException {
        Process kill = new ProcessBuilder("kill", "-s", signal, Long.toString(pid)).redirectErrorStream(true).start();
        try {
            String output = new String(kill.getInputStream().readAllBytes()).trim();
            if (kill.waitFor() != 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                throw new EmbeddedDatabaseException("could not send SIG" + signal + " to PostgreSQL PID " + pid
                        + ": " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedDatabaseException("interrupted while signalling PostgreSQL PID " + pid, e);
        }
    }
}
