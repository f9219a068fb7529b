package io.netloom.ops.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/** The namespace lab of ops/lab/lab.sh, driven from a test: topology, server, commands inside hosts. */
final class Lab {

    static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    static final Path LAB_DIR = Path.of(System.getenv().getOrDefault("NETLOOM_LAB_DIR", "/tmp/netloom-lab"));
    static final String SERVER_URL = "https://203.0.113.1:8080";
    /** This machine's address on the link of {@link #linkTheTestToTheServer()}, reachable from the lab's server. */
    static final String ROOT_LINK_ADDRESS = "203.0.113.254";
    /** The certificate the lab's server generated at its first start; curl trusts exactly it. */
    static final Path SERVER_CERTIFICATE = LAB_DIR.resolve("server/tls/server.crt");
    /** The lab CA that issued coturn's TLS certificate ({@code turns:203.0.113.1:443}); daemons get it as {@code --relay-ca}. */
    static final Path RELAY_CA = LAB_DIR.resolve("relay-tls/ca.crt");
    private static final Path SCRIPT = REPOSITORY.resolve("ops/lab/lab.sh");
    /**
     * The server's JVM in the tests: C1 only. Its first start (database initialised, first account made) took about
     * 17 s instead of 31 s on this 2-core machine (ADR 0042); the tests never load the server enough for the
     * optimising compiler to pay off.
     */
    private static final String SERVER_JVM = "NETLOOM_LAB_SERVER_JAVA_OPTS=-XX:TieredStopAtLevel=1";

    record Result(int exitCode, String output) {
        boolean succeeded() {
            return exitCode == 0;
        }
    }

    /**
     * Skips the lab's tests without root or the packaged jars; in CI ({@code CI=true}) fails instead,
     * so a broken build or install step cannot pass as a skipped suite.
     */
    static void requireRunnable() {
        String prerequisite = "needs root and the packaged server and daemon jars";
        if (!canRun() && "true".equals(System.getenv("CI"))) {
            Assertions.fail("CI=true and the lab cannot run: " + prerequisite);
        }
        Assumptions.assumeTrue(canRun(), prerequisite);
    }

    static boolean canRun() {
        return "root".equals(System.getProperty("user.name"))
                && Files.isRegularFile(REPOSITORY.resolve("command-api/target/netloom-server.jar"))
                && Files.isRegularFile(REPOSITORY.resolve("peer-daemon/target/netloom.jar"));
    }

    static void up() {
        check(script("down"));
        check(script("up"));
    }

    /**
     * A fresh lab whose coturn grants allocations of at most {@code maxAllocationLifetime} (the daemons refresh at half):
     * for tests that must see several lifetimes go by in a minute or two.
     */
    static void up(Duration maxAllocationLifetime) {
        check(script("down"));
        check(run(List.of("env", "NETLOOM_LAB_TURN_MAX_LIFETIME=" + maxAllocationLifetime.toSeconds(), "bash",
                SCRIPT.toString(), "up"), 300));
    }

    /** coturn killed with SIGKILL, as a crash: no allocation is closed, nobody is told. */
    static void killRelay() {
        check(script("coturn", "kill"));
    }

    /** coturn started again with the same configuration (and no memory of the allocations it had). */
    static void startRelay() {
        check(script("coturn", "start"));
    }

    static void down() {
        script("down");
    }

    /**
     * Copies the lab's logs (server, coturn, every daemon's) to {@code ops/target/lab-logs/<name>} before a test class
     * takes the lab down, which deletes them: what to read when a scenario failed in CI.
     */
    static void keepLogs(String name) {
        Path target = REPOSITORY.resolve("ops/target/lab-logs").resolve(name);
        try (Stream<Path> files = Files.walk(LAB_DIR, 2)) {
            for (Path log : files.filter(file -> file.toString().endsWith(".log") && Files.isRegularFile(file)).toList()) {
                Path copy = target.resolve(LAB_DIR.relativize(log).toString().replace('/', '-'));
                Files.createDirectories(target);
                Files.copy(log, copy, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            System.err.println("the lab's logs were not kept: " + e.getMessage());
        }
    }

    static void startServer() {
        check(script("server", "start"));
    }

    /** Starts the server with settings of a test's own ({@code --name=value}, as Spring Boot reads them). */
    static void startServer(List<String> settings) {
        List<String> arguments = new ArrayList<>(List.of("server", "start"));
        arguments.addAll(settings);
        check(script(arguments.toArray(String[]::new)));
    }

    /**
     * Starts the server with its clock {@code ahead} of the machine's (libfaketime), as if that time had passed
     * while it was stopped: for login expiry, whose shortest setting is an hour.
     */
    static void startServerAhead(Duration ahead, List<String> settings) {
        List<String> command = new ArrayList<>(List.of("env", "NETLOOM_LAB_SERVER_WAIT=180", SERVER_JVM,
                "NETLOOM_LAB_SERVER_TIME_AHEAD=" + ahead.toMinutes() + "m", "bash", SCRIPT.toString(), "server", "start"));
        command.addAll(settings);
        check(run(command, 300));
    }

    /**
     * The link from the test's own namespace to the server: this machine becomes {@link #ROOT_LINK_ADDRESS} and
     * reaches {@code 203.0.113.1} (and nothing else of the lab); {@link #down()} removes it.
     */
    static void linkTheTestToTheServer() {
        check(script("root-link"));
    }

    static void stopServer() {
        check(script("server", "stop"));
    }

    /** The SHA-256 fingerprint of the server's certificate, as the server wrote it beside its admin token. */
    static String serverFingerprint() {
        try {
            return Files.readString(LAB_DIR.resolve("server/server-fingerprint")).strip();
        } catch (IOException e) {
            throw new AssertionError("the server wrote no fingerprint: " + e.getMessage(), e);
        }
    }

    /** Runs {@code command} inside the lab host {@code host} ({@code a}, {@code b}, {@code c} or {@code inet}). */
    static Result in(String host, String... command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace(host)));
        full.addAll(List.of(command));
        return run(full, 120);
    }

    /**
     * Runs lab.sh. The server gets three minutes to come up rather than the script's 90 s: the tests share two
     * cores with builds and Keycloaks, under which a first start (database initialised) has taken over 90 s.
     */
    static Result script(String... arguments) {
        List<String> full = new ArrayList<>(List.of("env", "NETLOOM_LAB_SERVER_WAIT=180", SERVER_JVM, "bash",
                SCRIPT.toString()));
        full.addAll(List.of(arguments));
        return run(full, 300);
    }

    static Result check(Result result) {
        if (!result.succeeded()) {
            throw new AssertionError("command failed (" + result.exitCode() + "):\n" + result.output());
        }
        return result;
    }

    static Result run(List<String> command, int timeoutSeconds) {
        try {
            Path output = Files.createTempFile("lab-command", ".out");
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(output.toFile()).start();
                if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    return new Result(-1, "timed out after " + timeoutSeconds + " s: " + command + "\n"
                            + Files.readString(output, StandardCharsets.UTF_8));
                }
                return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    static String namespace(String host) {
        return "nl-" + host;
    }
}
