package io.netloom.testsupport.keycloak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A real Keycloak in dev mode on 127.0.0.1 and a free port, for the tests of any module. It is started once per
 * test JVM ({@link #shared()}; Surefire runs one JVM per module, and modules' JVMs run at the same time under
 * {@code mvn -T}) and stopped when that JVM exits. Each start gets its own Keycloak home ({@link KeycloakRuns}: the
 * distribution's read-only parts linked, what Keycloak writes its own, an in-memory database), deleted at the stop.
 *
 * <p>No Keycloak outlives its tests: a watchdog shell beside it stops its whole process group as soon as the test
 * JVM is gone, however that JVM ended, and the next start, in any JVM, also stops what the runs of test JVMs that
 * are gone still have running (ADR 0020, ADR 0062).
 */
public final class KeycloakServer implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(6);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    static final String WATCHDOG_NAME = "netloom-keycloak-watchdog";
    /** Runs Keycloak in the background and stops its process group when the test JVM ($1) or Keycloak is gone. */
    private static final String WATCHDOG = """
            parent=$1; shift
            "$@" &
            keycloak=$!
            while kill -0 "$parent" 2>/dev/null && kill -0 "$keycloak" 2>/dev/null; do sleep 1; done
            kill -TERM -- -$$
            """;

    private static KeycloakServer shared;
    private static List<Path> sharedTrust;
    private static RuntimeException sharedFailure;

    private final KeycloakDistribution distribution;
    private final Path runHome;
    private final Process process;
    private final URI baseUrl;
    private final String adminPassword;
    private Duration startDuration;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private boolean stopped;

    private KeycloakServer(KeycloakDistribution distribution, Path runHome, Process process, URI baseUrl,
            String adminPassword) {
        this.distribution = distribution;
        this.runHome = runHome;
        this.process = process;
        this.baseUrl = baseUrl;
        this.adminPassword = adminPassword;
    }

    /**
     * The Keycloak of this test JVM, started at the first call. Without the distribution or Java 21+ the calling
     * test is skipped, or fails under {@code CI=true}; a Keycloak that did not come up fails every caller.
     */
    public static synchronized KeycloakServer shared() {
        return shared(List.of());
    }

    /**
     * The same, trusting the given PEM certificates for its own outgoing calls (a back-channel logout to a server
     * with a self-signed certificate, say). Every caller in a JVM must ask for the same certificates.
     */
    public static synchronized KeycloakServer shared(List<Path> trustedCertificates) {
        KeycloakDistribution.Located located = KeycloakDistribution.locate();
        Prerequisites.require(located.distribution().isPresent(), located.missing());
        if (sharedFailure != null) {
            throw sharedFailure;
        }
        if (shared != null && !sharedTrust.equals(trustedCertificates)) {
            throw new IllegalStateException("this JVM's Keycloak already runs trusting " + sharedTrust
                    + ", not " + trustedCertificates);
        }
        if (shared == null) {
            try {
                shared = start(located.distribution().orElseThrow(), trustedCertificates);
                sharedTrust = List.copyOf(trustedCertificates);
            } catch (RuntimeException e) {
                sharedFailure = e;
                throw e;
            }
            KeycloakServer started = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "keycloak-stop"));
        }
        return shared;
    }

    /** Starts a Keycloak of one's own (most tests want {@link #shared()}); the caller closes it. */
    public static KeycloakServer start(KeycloakDistribution distribution) {
        return start(distribution, List.of());
    }

    private static KeycloakServer start(KeycloakDistribution distribution, List<Path> trustedCertificates) {
        KeycloakRuns runs = KeycloakRuns.beside(distribution);
        try {
            runs.sweepLeftovers();
            int port = freePort();
            Path runHome = runs.newHome(distribution, port);
            String adminPassword = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
            List<String> command = new ArrayList<>(List.of(runHome.resolve("bin/kc.sh").toString(),
                    "start-dev", "--http-host=127.0.0.1", "--http-port=" + port, "--db=dev-mem"));
            if (!trustedCertificates.isEmpty()) {
                command.add("--truststore-paths=" + String.join(",",
                        trustedCertificates.stream().map(path -> path.toAbsolutePath().toString()).toList()));
            }
            ProcessBuilder builder = guarded(ProcessHandle.current().pid(), command)
                    .redirectErrorStream(true)
                    .redirectOutput(runHome.resolve("keycloak.log").toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            Map<String, String> environment = builder.environment();
            environment.keySet().removeIf(name -> name.startsWith("KC_") || name.startsWith("JAVA_OPTS")
                    || name.equals("JAVA_TOOL_OPTIONS"));
            environment.put("JAVA_HOME", distribution.javaHome().toString());
            environment.put("JAVA_OPTS_KC_HEAP", "-Xms128m -Xmx768m");
            environment.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
            environment.put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
            long started = System.nanoTime();
            Process process = builder.start();
            Files.writeString(runHome.resolve(KeycloakRuns.PID_FILE), process.pid() + "\n");
            KeycloakServer server = new KeycloakServer(distribution, runHome, process,
                    URI.create("http://127.0.0.1:" + port), adminPassword);
            server.awaitReady();
            server.startDuration = Duration.ofNanos(System.nanoTime() - started);
            runs.keepDevBuild(distribution, runHome);
            System.err.printf("Keycloak %s ready at %s after %.1f s (Java at %s)%n", distribution.version(),
                    server.baseUrl, server.startDuration.toMillis() / 1000.0, distribution.javaHome());
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Keycloak from " + distribution.home(), e);
        }
    }

    public URI baseUrl() {
        return baseUrl;
    }

    /** The issuer of a realm, as Keycloak names it in its tokens and discovery document. */
    public URI issuer(String realm) {
        return URI.create(baseUrl + "/realms/" + realm);
    }

    /** How long the start took, from the process's launch to the first answer of the master realm. */
    public Duration startDuration() {
        return startDuration;
    }

    public KeycloakAdmin admin() {
        return new KeycloakAdmin(baseUrl, "admin", adminPassword);
    }

    @Override
    public synchronized void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            stopGroup(process.pid());
            KeycloakRuns.deleteTree(runHome);
        } catch (IOException e) {
            System.err.println("Keycloak stopped, but its home " + runHome + " was not removed: " + e.getMessage());
        }
    }

    private void awaitReady() throws IOException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(baseUrl + "/realms/master")).timeout(Duration.ofSeconds(5))
                .build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak stopped while starting (exit " + process.exitValue()
                        + "):\n" + logTail());
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new IllegalStateException("interrupted while Keycloak was starting", e);
            }
            sleep(Duration.ofMillis(500));
        }
        String tail = logTail();
        close();
        throw new IllegalStateException("Keycloak did not answer within " + READY_TIMEOUT.toSeconds() + " s:\n" + tail);
    }

    private String logTail() throws IOException {
        List<String> lines = Files.readAllLines(runHome.resolve("keycloak.log"));
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    /**
     * {@code command} under the watchdog, in a process group of its own that the watchdog leads: the group is
     * stopped as soon as process {@code parent} or the command is gone.
     */
    static ProcessBuilder guarded(long parent, List<String> command) {
        List<String> line = new java.util.ArrayList<>(List.of("setsid", "bash", "-c", WATCHDOG, WATCHDOG_NAME,
                Long.toString(parent)));
        line.addAll(command);
        return new ProcessBuilder(line);
    }

    /** TERM to the process group (the watchdog is its leader), KILL after a grace period. */
    static void stopGroup(long leader) {
        signalGroup("TERM", leader);
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        while (groupAlive(leader) && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(200));
        }
        if (groupAlive(leader)) {
            signalGroup("KILL", leader);
        }
    }

    private static boolean groupAlive(long leader) {
        return signalGroup("0", leader) == 0;
    }

    private static int signalGroup(String signal, long leader) {
        try {
            return new ProcessBuilder("kill", "-" + signal, "--", "-" + leader)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run kill", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "Keycloak " + distribution.version() + " at " + baseUrl;
    }
}
