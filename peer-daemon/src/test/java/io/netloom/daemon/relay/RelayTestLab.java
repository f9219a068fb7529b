package io.netloom.daemon.relay;

import io.netloom.daemon.ice.CoturnProcess;
import io.netloom.daemon.link.RootTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A coturn for the TURN client's tests ({@link CoturnProcess}, shared with the ICE labs: the REST (shared secret)
 * credential scheme of the real deployment), in the root namespace on a veth interface {@code nlt-rly-t}
 * (198.18.242.3, and 198.18.242.4 which the certificate does not name): TURN on 3478 over UDP and TCP and on 5349
 * over TLS with a certificate from a test CA ({@link #authority()}), relay ports 51000-51999 and peers only inside
 * 198.18.242.0/24. The clients run in the test JVM; their traffic to coturn stays on {@code lo}.
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

    private static final AtomicInteger USERS = new AtomicInteger();

    private final Path directory;
    private final List<String> settings;
    private final TestRelayAuthority authority = TestRelayAuthority.create("Netloom relay test CA");
    private CoturnProcess coturn;

    private RelayTestLab(Path directory, List<String> settings) {
        this.directory = directory;
        this.settings = settings;
    }

    /** The lab with {@code extraSettings} added to coturn's configuration (short lifetimes, quotas). */
    static RelayTestLab start(List<String> extraSettings) throws Exception {
        RootTools.assumeRootWith("ip", "turnserver");
        removeLeftovers();
        RelayTestLab lab = new RelayTestLab(Files.createTempDirectory("nlt-relay-lab"), extraSettings);
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
        return coturn.turn(transport, transport == RelayTransport.TLS ? TLS_PORT : PORT, user).relayServer();
    }

    /** Kills coturn at once (SIGKILL): the relay disappears mid-session without a word. */
    void killCoturn() throws InterruptedException {
        coturn.kill();
    }

    void startCoturn() throws IOException, InterruptedException {
        coturn = CoturnProcess.start(directory, null, IP, PORT, Stream.concat(Stream.of(
                "listening-ip=" + UNNAMED_IP,
                "tls-listening-port=" + TLS_PORT,
                "cert=" + directory.resolve("relay.crt"),
                "pkey=" + directory.resolve("relay.key"),
                "min-port=51000",
                "max-port=51999",
                // Relay only inside the lab's range, whatever coturn's defaults are.
                "denied-peer-ip=0.0.0.0-255.255.255.255",
                "allowed-peer-ip=198.18.242.0-198.18.242.255"), settings.stream()).toList(), IP);
        coturn.awaitStreamListeners(IP, PORT, TLS_PORT);
    }

    String log() {
        return coturn.log();
    }

    @Override
    public void close() {
        if (coturn != null) {
            coturn.close();
        }
        removeLeftovers();
        try (var files = Files.walk(directory)) {
            files.sorted(Comparator.comparingInt(Path::getNameCount).reversed()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // best effort
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
