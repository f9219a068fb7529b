package io.netloom.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
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
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Server processes as an operator runs them, {@code java -jar netloom-server.jar}, so that a test can kill one with
 * SIGKILL: each with its own log in the test's directory, on plain HTTP (these tests are about processes and the
 * database, not transport). Failsafe builds the jar before the integration tests run.
 */
public final class JarServers implements AutoCloseable {

    public static final Path JAR = Path.of(System.getProperty("netloom.server.jar", "target/netloom-server.jar"));
    /** Start-up on a busy two-core machine; the server normally starts in a fraction of this. */
    public static final Duration START_LIMIT = Duration.ofMinutes(5);

    private final Path work;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final List<Process> started = new ArrayList<>();

    /** @param work where the logs go */
    public JarServers(Path work) {
        this.work = work;
        assertThat(JAR).as("the server jar; build it with: mvn -B -q -pl command-api -am package -DskipTests")
                .isRegularFile();
    }

    /** The API's and the management port of one process; both must be free. */
    public record Ports(int api, int management) {

        public static Ports free() throws IOException {
            return new Ports(freePort(), freePort());
        }
    }

    /**
     * Starts a server with {@code arguments} (its data directory among them) and waits until its API answers;
     * {@code logName} names its log in the work directory.
     */
    public synchronized Process start(String logName, Ports ports, List<String> arguments)
            throws IOException, InterruptedException {
        Path log = log(logName);
        List<String> command = new ArrayList<>(List.of("java", "-Xmx512m",
                // C1 only: a first start in about half the time, as the lab's server (ADR 0042).
                "-XX:TieredStopAtLevel=1", "-jar", JAR.toAbsolutePath().toString(),
                "--server.port=" + ports.api(), "--management.server.port=" + ports.management(),
                "--netloom.gateway.host=127.0.0.1", "--netloom.insecure-http=true"));
        command.addAll(arguments);
        Process server = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        started.add(server);
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new AssertionError("the server exited with " + server.exitValue() + " while starting:\n"
                        + tail(log));
            }
            if (answers(ports.api())) {
                return server;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the server did not answer within " + START_LIMIT + ":\n" + tail(log));
    }

    /**
     * Waits until the server's readiness probe answers UP (ADR 0050): its gateway listens, in its cluster if it has
     * one, and its maps have caught up. The API answers earlier, while the gateway is still joining the cluster.
     */
    public void awaitReady(Ports ports) throws InterruptedException {
        HttpRequest probe = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.management()
                + "/actuator/health/readiness")).timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetOpen) {
                // The management port opens after the API's.
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the server on " + ports.api() + " was not ready within " + START_LIMIT);
    }

    /** Where the server started with {@code logName} writes its log. */
    public Path log(String logName) {
        return work.resolve(logName);
    }

    /**
     * The outcome of the operator's read-model check on the management port (ADR 0053). That port opens after the
     * API's (Boot starts the management server once the application is up), seconds later on a loaded machine:
     * connections it refuses meanwhile are tried again.
     */
    public String readModelCheck(int management, Path operatorTokenFile) throws IOException, InterruptedException {
        String operatorToken = Files.readString(operatorTokenFile).strip();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + management
                + "/actuator/readmodels")).header("Authorization", "Bearer " + operatorToken)
                .timeout(Duration.ofMinutes(2)).build();
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        HttpResponse<String> response = null;
        while (response == null) {
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (ConnectException notYetOpen) {
                if (System.nanoTime() > deadline) {
                    throw notYetOpen;
                }
                Thread.sleep(250);
            }
        }
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        System.out.println("read-model check on " + management + ": " + response.body());
        return new ObjectMapper().readTree(response.body()).get("outcome").asText();
    }

    /** Stops every server started and still running: SIGTERM, then SIGKILL for one that does not stop in a minute. */
    @Override
    public void close() throws InterruptedException {
        for (Process server : started) {
            server.destroy();
        }
        for (Process server : started) {
            server.waitFor(60, TimeUnit.SECONDS);
            server.destroyForcibly();
        }
    }

    /** The lines of {@code log} from the first that contains {@code marker}. */
    public static List<String> linesAfter(Path log, String marker) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(marker)) {
                return lines.subList(i, lines.size());
            }
        }
        throw new AssertionError("the log never says \"" + marker + "\":\n" + String.join("\n", lines));
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private boolean answers(int port) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/groups"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode() == 401;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }
}
