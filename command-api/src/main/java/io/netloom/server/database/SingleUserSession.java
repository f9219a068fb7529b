package io.netloom.server.database;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code postgres --single} on the data directory before the server proper starts: it replays the
 * write-ahead log after an unclean stop (crash recovery), then runs the given statements and shuts down
 * cleanly. Nothing listens meanwhile, so statements run with no window in which anyone could connect.
 *
 * <p>Recovery takes as long as the log to replay: there is no time limit. The session is waited for
 * while it runs, PostgreSQL's own progress lines go to the log (with a heartbeat between them), and a
 * failure ends in an error carrying PostgreSQL's last lines.
 */
final class SingleUserSession {

    private static final Logger log = LoggerFactory.getLogger(SingleUserSession.class);
    private static final int LINES_KEPT = 20;

    private final PostgresBinaries binaries;
    private final Duration heartbeat;

    SingleUserSession(PostgresBinaries binaries, Duration heartbeat) {
        this.binaries = binaries;
        this.heartbeat = heartbeat;
    }

    /**
     * Runs {@code statements} (one a line, never logged: they may carry password verifiers) in database
     * {@code template1} after any crash recovery.
     */
    void run(Path dataDirectory, List<String> statements) throws IOException {
        List<String> command = binaries.command("postgres", List.of("--single", "-D", dataDirectory.toString(),
                "-c", "log_startup_progress_interval=10s",
                // A failing statement is never echoed into the log: statements may carry password verifiers.
                "-c", "log_min_error_statement=panic", "template1"));
        Process postgres = new ProcessBuilder(command).redirectErrorStream(true).start();
        Deque<String> lastLines = new ArrayDeque<>();
        Thread reader = new Thread(() -> relay(postgres, lastLines), "postgres-single-user");
        reader.setDaemon(true);
        reader.start();
        try (OutputStream input = postgres.getOutputStream()) {
            for (String statement : statements) {
                input.write((statement + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        long start = System.nanoTime();
        try {
            while (!postgres.waitFor(heartbeat.toMillis(), TimeUnit.MILLISECONDS)) {
                log.info("PostgreSQL (PID {}) is still recovering or running start-up statements on {}: {} s so far",
                        postgres.pid(), dataDirectory, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));
            }
            reader.join();
        } catch (InterruptedException e) {
            postgres.destroy();
            Thread.currentThread().interrupt();
            throw new EmbeddedDatabaseException("interrupted while PostgreSQL was recovering " + dataDirectory, e);
        }
        if (postgres.exitValue() != 0) {
            throw new EmbeddedDatabaseException("PostgreSQL could not recover or prepare " + dataDirectory
                    + " (postgres --single exited with " + postgres.exitValue() + "); its last lines:\n"
                    + String.join("\n", lastLines));
        }
    }

    private static void relay(Process postgres, Deque<String> lastLines) {
        try (BufferedReader output = new BufferedReader(
                new InputStreamReader(postgres.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = output.readLine()) != null) {
                // The stand-alone backend prompts "backend> " before each statement it reads.
                String text = line.replace("backend> ", "").strip();
                if (text.isEmpty()) {
                    continue;
                }
                log.info("postgres: {}", text);
                synchronized (lastLines) {
                    lastLines.addLast(text);
                    if (lastLines.size() > LINES_KEPT) {
                        lastLines.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            log.warn("could not read the output of postgres --single: {}", e.getMessage());
        }
    }
}
