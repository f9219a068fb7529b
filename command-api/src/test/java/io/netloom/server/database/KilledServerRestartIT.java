package io.netloom.server.database;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netloom.server.testing.ConcurrentGroupWrites;
import io.netloom.server.testing.JarServers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server as the out-of-memory killer leaves it: its JVM killed with SIGKILL while writes are under
 * way, its embedded PostgreSQL orphaned. Started again on the same data directory it must come up by
 * itself, with every write it acknowledged.
 */
class KilledServerRestartIT {

    private static final String TAKEN_NAME = "taken";
    /** Issue 18: a kill -9 of the only process during 1,000 concurrent commands. */
    private static final int WRITES = 1_000;
    private static final int CALLERS = 50;
    private static final int WRITES_BEFORE_KILL = 300;

    @TempDir
    Path work;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private JarServers servers;

    @BeforeEach
    void prepareServers() {
        servers = new JarServers(work);
    }

    @AfterEach
    void stopEverythingStarted() throws Exception {
        servers.close();
        // Whatever the outcome, no PostgreSQL of this test outlives it.
        new OrphanedPostmaster(Duration.ofSeconds(60), Duration.ofSeconds(10)).stopIfRunning(postgresDirectory());
    }

    @Test
    void startWhenServerJvmWasKilledDuringConcurrentWritesThenComesUpByItselfWithEveryAcknowledgedWriteOnly()
            throws Exception {
        JarServers.Ports ports = JarServers.Ports.free();
        int port = ports.api();
        Process first = startServer(ports, "first.log");
        String token = Files.readString(work.resolve("data/admin-token")).strip();
        String taken = createGroup(port, token, TAKEN_NAME).orElseThrow();

        // Writes keep coming while the JVM dies: only those answered count as acknowledged or refused.
        ConcurrentGroupWrites writes = new ConcurrentGroupWrites(port, token, TAKEN_NAME);
        List<Future<?>> running = writes.start("during", WRITES, CALLERS);
        long deadline = System.nanoTime() + JarServers.START_LIMIT.toNanos();
        while (writes.answered() < WRITES_BEFORE_KILL && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        long postgresPid = PostmasterPidFile.in(postgresDirectory()).orElseThrow().pid();
        first.destroyForcibly();
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        for (Future<?> write : running) {
            write.get(2, TimeUnit.MINUTES);
        }

        assertThat(ProcessHandle.of(postgresPid).map(ProcessHandle::isAlive).orElse(false))
                .as("the killed server's PostgreSQL lives on as an orphan").isTrue();
        assertThat(PostgresProcesses.identify(postgresPid, postgresDirectory()))
                .isEqualTo(PostgresProcesses.Identity.POSTGRES_OF_THIS_DIRECTORY);

        Process second = startServer(ports, "second.log");

        Map<String, String> present = groups(port, token);
        System.out.println("killed during " + WRITES + " concurrent writes: " + writes.acknowledged().size()
                + " acknowledged, " + writes.refused().size() + " refused, " + writes.unanswered().size()
                + " unanswered; " + present.size() + " groups after the restart");
        assertThat(writes.acknowledged().size()).isGreaterThanOrEqualTo(WRITES_BEFORE_KILL * 8 / 10);
        writes.assertOutcome(WRITES, present, taken);
        assertThat(ProcessHandle.of(postgresPid).map(ProcessHandle::isAlive).orElse(false))
                .as("the orphan was stopped").isFalse();
        assertThat(createGroup(port, token, "after restart")).isPresent();
        assertThat(readModelCheck(ports)).as("right after the restart").isEqualTo("EQUAL");
        // The same with the live models kept current event by event, under concurrent writes (ADR 0053).
        ConcurrentGroupWrites live = new ConcurrentGroupWrites(port, token, TAKEN_NAME);
        for (Future<?> write : live.start("live", WRITES / 5, CALLERS)) {
            write.get(2, TimeUnit.MINUTES);
        }
        assertThat(live.unanswered()).isEmpty();
        assertThat(readModelCheck(ports)).as("after concurrent writes to the live models").isEqualTo("EQUAL");

        long secondPostgresPid = PostmasterPidFile.in(postgresDirectory()).orElseThrow().pid();
        second.destroy();
        assertThat(second.waitFor(120, TimeUnit.SECONDS)).as("the server stops on SIGTERM").isTrue();
        // The postmaster's last children may take a moment after its pid file is gone.
        ProcessHandle.of(secondPostgresPid).ifPresent(postmaster -> postmaster.onExit()
                .orTimeout(60, TimeUnit.SECONDS).join());
        assertThat(JarServers.linesAfter(work.resolve("second.log"), "Commencing graceful shutdown"))
                .as("an orderly stop logs no warnings or errors (PostgreSQL stops last)")
                .noneMatch(line -> line.contains(" WARN ") || line.contains(" ERROR "));
    }

    private String readModelCheck(JarServers.Ports ports) throws IOException, InterruptedException {
        return servers.readModelCheck(ports.management(), work.resolve("data/keys/operator-token"));
    }

    private Process startServer(JarServers.Ports ports, String logName) throws IOException, InterruptedException {
        return servers.start(logName, ports, List.of("--netloom.data-dir=" + work.resolve("data"),
                "--netloom.gateway.port=0"));
    }

    /** The new group's id once the server answered 200; empty when the server is gone. */
    private Optional<String> createGroup(int port, String token, String name) {
        try {
            HttpResponse<String> response = ConcurrentGroupWrites.post(http, port, token, name);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return Optional.of(ConcurrentGroupWrites.createdId(response));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Group id to name, as the API lists them. */
    private Map<String, String> groups(int port, String token) throws IOException, InterruptedException {
        Map<String, String> groups = new LinkedHashMap<>();
        for (JsonNode group : new ObjectMapper().readTree(get(port, token, "/api/groups"))) {
            groups.put(group.get("id").asText(), group.get("name").asText());
        }
        return groups;
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
}
