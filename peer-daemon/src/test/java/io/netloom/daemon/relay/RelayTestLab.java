package io.netloom.daemon.relay;

import io.netloom.daemon.link.RootTools;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A coturn for the TURN client's tests, in the root namespace on a veth interface {@code nlt-rly-t}
 * (198.18.242.3, and 198.18.242.4 which the certificate does not name): TURN on 3478 over UDP and TCP and on 5349 over TLS, with a certificate from a test CA
 * ({@link #authority()}), the REST (shared secret) credential scheme of the real deployment, relay ports
 * 51000-51999 and peers only inside 198.18.242.0/24. The clients run in the test JVM; their traffic to coturn
 * stays on {@code lo}.
 *
 * <p>Debugging knob: {@code -DargLine=-Dnlt.keepTurnLog=/tmp/turn.log} copies coturn's log there on close.
 */
final class RelayTestLab implements AutoCloseable {

    static final String INTERFACE = "nlt-rly-t";
    static final String IP = "198.18.242.3";
    /** A second address coturn listens on, which its certificate does not name. */
    static final String UNNAMED_IP = "198.18.242.4";
    static final int PORT = 3478;
    static final int TLS_PORT = 5349;
    static final String REALM = "netloom.test";

    private static final AtomicInteger USERS = new AtomicInteger();

    private final Path directory;
    private final List<String> settings;
    private final String secret;
    private final TestRelayAuthority authority = TestRelayAuthority.create("Netloom relay test CA");
    private Process coturn;

    private RelayTestLab(Path directory, List<String> settings, String secret) {
        this.directory = directory;
        this.settings = settings;
        this.secret = secret;
    }

    /** The lab with {@code extraSettings} added to coturn's configuration (short lifetimes, quotas). */
    static RelayTestLab start(List<String> extraSettings) throws Exception {
        RootTools.assumeRootWith("ip", "turnserver");
        removeLeftovers();
        byte[] secretBytes = new byte[18];
        new SecureRandom().nextBytes(secretBytes);
        RelayTestLab lab = new RelayTestLab(Files.createTempDirectory("nlt-relay-lab"), extraSettings,
                Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes));
        try {
            run("ip", "link", "add", INTERFACE, "type", "veth", "peer", "name", INTERFACE + "p");
            run("ip", "addr", "add", IP + "/32", "dev", INTERFACE);
            run("ip", "addr", "add", UNNAMED_IP + "/32", "dev", INTERFACE);
            run("ip", "link", "set", INTERFACE + "p", "up");
            run("ip", "link", "set", INTERFACE, "up");
            lab.authority.issueServerFiles(IP, lab.directory.resolve("relay.crt"), lab.directory.resolve("relay.key"));
            lab.startCoturn();
            return lab;
        } catch (Exception | Error e) {
            lab.close();
            throw e;
        }
    }

    /** The CA that issued coturn's certificate. */
    TestRelayAuthority authority() {
        return authority;
    }

    /** A server entry with a fresh REST-scheme credential of its own (so that quotas count it separately). */
    RelayServer server(RelayTransport transport) {
        return server(transport, "client-" + USERS.incrementAndGet());
    }

    /** A server entry whose credential names {@code user}: two entries with the same user share its quota. */
    RelayServer server(RelayTransport transport, String user) {
        String username = Instant.now().plus(Duration.ofHours(1)).getEpochSecond() + ":" + user;
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            String password = Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
            return new RelayServer(IP, transport == RelayTransport.TLS ? TLS_PORT : PORT, transport, username,
                    password);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Kills coturn at once (SIGKILL): the relay disappears mid-session without a word. */
    void killCoturn() throws InterruptedException {
        coturn.destroyForcibly();
        coturn.waitFor(10, TimeUnit.SECONDS);
    }

    void startCoturn() throws IOException, InterruptedException {
        List<String> config = new ArrayList<>(List.of(
                "listening-ip=" + IP,
                "listening-ip=" + UNNAMED_IP,
                "relay-ip=" + IP,
                "listening-port=" + PORT,
                "tls-listening-port=" + TLS_PORT,
                "cert=" + directory.resolve("relay.crt"),
                "pkey=" + directory.resolve("relay.key"),
                "no-dtls",
                "no-tcp-relay",
                "use-auth-secret",
                "static-auth-secret=" + secret,
                "realm=" + REALM,
                "min-port=51000",
                "max-port=51999",
                // Relay only inside the lab's range, whatever coturn's defaults are.
                "denied-peer-ip=0.0.0.0-255.255.255.255",
                "allowed-peer-ip=198.18.242.0-198.18.242.255",
                "no-cli",
                "no-multicast-peers",
                "userdb=" + directory.resolve("turndb"),
                "pidfile=" + directory.resolve("turnserver.pid"),
                "log-file=" + directory.resolve("turnserver.log"),
                "simple-log",
                "no-stdout-log",
                "verbose"));
        config.addAll(settings);
        config.add("");
        Path file = directory.resolve("turnserver.conf");
        Files.writeString(file, String.join("\n", config));
        coturn = new ProcessBuilder("turnserver", "-c", file.toString()).redirectErrorStream(true)
                .redirectOutput(directory.resolve("turnserver.out").toFile()).start();
        awaitListening();
    }

    String log() {
        try {
            return Files.readString(directory.resolve("turnserver.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        String keep = System.getProperty("nlt.keepTurnLog");
        if (keep != null) {
            try {
                Files.copy(directory.resolve("turnserver.log"), Path.of(keep),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                // best effort
            }
        }
        if (coturn != null) {
            coturn.destroy();
            try {
                if (!coturn.waitFor(10, TimeUnit.SECONDS)) {
                    coturn.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        removeLeftovers();
        try (var files = Files.walk(directory)) {
            files.sorted(Comparator.comparingInt(Path::getNameCount).reversed()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // best effort
        }
    }

    /** Ready when both of coturn's TCP listeners accept (its UDP listener starts before them). */
    private void awaitListening() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!coturn.isAlive()) {
                throw new IllegalStateException("turnserver exited: " + log());
            }
            if (accepts(PORT) && accepts(TLS_PORT)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("turnserver did not listen within 30 s: " + log());
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket(IP, port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out.strip());
        }
    }

    private static void removeLeftovers() {
        try {
            run("ip", "link", "del", INTERFACE);
        } catch (IOException e) {
            // nothing to remove
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
