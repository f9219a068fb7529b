package io.netloom.server.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server as the out-of-memory killer leaves it: its JVM killed with SIGKILL while writes are under
 * way, its embedded PostgreSQL orphaned. Started again on the same data directory it must come up by
 * itself, with every write it acknowledged.
 */
class KilledServerRestartIT {

    private static final Path JAR = Path.of(System.getProperty("netloom.server.jar", "target/netloom-server.jar"));
    /** Start-up on a busy two-core machine; the server normally starts in a fraction of this. */
    private static final Duration START_LIMIT = Duration.ofMinutes(5);
    private static final Pattern GROUP_ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    @TempDir
    Path work;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final List<Process> servers = new ArrayList<>();

    @AfterEach
    void stopEverythingStarted() throws Exception {
        for (Process server : servers) {
            server.destroy();
            server.waitFor(60, TimeUnit.SECONDS);
            server.destroyForcibly();
        }
        // Whatever the outcome, no PostgreSQL of this test outlives it.
        new OrphanedPostmaster(Duration.ofSeconds(60), Duration.ofSeconds(10)).stopIfRunning(postgresDirectory());
    }

    @Test
    void startWhenServerJvmWasKilledThenComesUpByItselfWithEveryAcknowledgedWrite() throws Exception {
        assertThat(JAR).as("the server jar; build it with: mvn -B -q -pl command-api -am package -DskipTests")
                .isRegularFile();
        int port = freePort();
        Process first = startServer(port, "first.log");
        String token = Files.readString(work.resolve("data/admin-token")).strip();

        List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 20; i++) {
            acknowledged.add(createGroup(port, token, "before-" + i).orElseThrow());
        }
        // Writes keep coming while the JVM dies: only those answered count as acknowledged.
        Thread writer = new Thread(() -> {
            for (int i = 0; ; i++) {
                Optional<String> created = createGroup(port, token, "during-" + i);
                if (created.isEmpty()) {
                    return;
                }
                acknowledged.add(created.get());
            }
        });
        writer.start();
        while (acknowledged.size() < 30 && writer.isAlive()) {
            Thread.sleep(5);
        }
        long postgresPid = PostmasterPidFile.in(postgresDirectory()).orElseThrow().pid();
        first.destroyForcibly();
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        writer.join(30_000);

        assertThat(ProcessHandle.of(postgresPid).map(ProcessHandle::isAlive).orElse(false))
                .as("the killed server's PostgreSQL lives on as an orphan").isTrue();
        assertThat(PostgresProcesses.identify(postgresPid, postgresDirectory()))
                .isEqualTo(PostgresProcesses.Identity.POSTGRES_OF_THIS_DIRECTORY);

        Process second = startServer(port, "second.log");

        String groups = get(port, token, "/api/groups");
        List<String> present = new ArrayList<>();
        Matcher ids = GROUP_ID.matcher(groups);
        while (ids.find()) {
            present.add(ids.group(1));
        }
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(30);
        assertThat(present).containsAll(acknowledged);
        assertThat(ProcessHandle.of(postgresPid).map(ProcessHandle::isAlive).orElse(false))
                .as("the orphan was stopped").isFalse();
        assertThat(createGroup(port, token, "after restart")).isPresent();

        long secondPostgresPid = PostmasterPidFile.in(postgresDirectory()).orElseThrow().pid();
        second.destroy();
        assertThat(second.waitFor(120, TimeUnit.SECONDS)).as("the server stops on SIGTERM").isTrue();
        // The postmaster's last children may take a moment after its pid file is gone.
        ProcessHandle.of(secondPostgresPid).ifPresent(postmaster -> postmaster.onExit()
                .orTimeout(60, TimeUnit.SECONDS).join());
        assertThat(linesAfter(work.resolve("second.log"), "Commencing graceful shutdown"))
                .as("an orderly stop logs no warnings or errors (PostgreSQL stops last)")
                .noneMatch(line -> line.contains(" WARN ") || line.contains(" ERROR "));
    }

    private static List<String> linesAfter(Path log, String marker) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(marker)) {
                return lines.subList(i, lines.size());
            }
        }
        throw new AssertionError("the log never says \"" + marker + "\":\n" + String.join("\n", lines));
    }

    private Process startServer(int port, String logName) throws IOException, InterruptedException {
        Path log = work.resolve(logName);
        Process server = new ProcessBuilder("java", "-Xmx512m", "-jar", JAR.toAbsolutePath().toString(),
                "--netloom.data-dir=" + work.resolve("data"), "--server.port=" + port,
                "--management.server.port=0", "--netloom.gateway.port=0", "--netloom.gateway.host=127.0.0.1",
                // Plain HTTP keeps this test about the database; the flag is harmless where HTTP is the default.
                "--netloom.insecure-http=true")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        servers.add(server);
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new AssertionError("the server exited with " + server.exitValue() + " while starting:\n"
                        + tail(log));
            }
            if (answers(port)) {
                return server;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the server did not answer within " + START_LIMIT + ":\n" + tail(log));
    }

    private boolean answers(int port) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/groups"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 401;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The new group's id once the server answered 200; empty when the server is gone. */
    private Optional<String> createGroup(int port, String token, String name) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/api/groups"))
                    .header("Authorization", "Token " + token).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            Matcher id = GROUP_ID.matcher(response.body());
            assertThat(id.find()).isTrue();
            return Optional.of(id.group(1));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private String get(int port, String token, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Token " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private Path postgresDirectory() {
        return work.resolve("data/postgres");
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
