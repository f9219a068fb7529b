package io.netloom.daemon.ice;

import io.netloom.daemon.relay.RelayTransport;
import java.io.IOException;
import java.net.ConnectException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A coturn for the ICE test labs, with the REST (shared secret) credential scheme the real deployment uses, its
 * files (config, log, database) in the lab's directory. Which transports it listens on is the lab's choice. Used
 * by the ICE labs here and by the TURN client's own lab ({@code relay.RelayTestLab}).
 *
 * <p>Debugging knob (a system property of the test JVM, e.g. {@code -DargLine=-Dnlt.keepTurnLog=/tmp/turn.log}):
 * {@code nlt.keepTurnLog} copies coturn's (verbose) log there on close.
 */
public final class CoturnProcess implements AutoCloseable {

    static final String REALM = "netloom.test";

    private final Path directory;
    private final String namespace;
    private final String ip;
    private final int port;
    private final String secret;
    private final Process process;

    private CoturnProcess(Path directory, String namespace, String ip, int port, String secret, Process process) {
        this.directory = directory;
        this.namespace = namespace;
        this.ip = ip;
        this.port = port;
        this.secret = secret;
        this.process = process;
    }

    /**
     * Starts coturn listening (and relaying) on {@code ip}:{@code port}, in network namespace {@code namespace}
     * ({@code null}: the test JVM's), and waits until it answers a STUN Binding request sent from {@code probeFrom}.
     *
     * @param labSettings what differs between the labs: the relay port range, which peers may be relayed to
     */
    public static CoturnProcess start(Path directory, String namespace, String ip, int port, List<String> labSettings,
            String probeFrom) throws IOException, InterruptedException {
        byte[] secretBytes = new byte[18];
        new SecureRandom().nextBytes(secretBytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
        List<String> settings = new ArrayList<>(List.of(
                "listening-ip=" + ip,
                "relay-ip=" + ip,
                "listening-port=" + port,
                "use-auth-secret",
                "static-auth-secret=" + secret,
                "realm=" + REALM,
                "fingerprint",
                "no-dtls",
                "no-tcp-relay",
                "no-cli",
                "no-multicast-peers",
                "userdb=" + directory.resolve("turndb"),
                "pidfile=" + directory.resolve("turnserver.pid"),
                "log-file=" + directory.resolve("turnserver.log"),
                "simple-log",
                "no-stdout-log",
                "verbose"));
        settings.addAll(labSettings);
        settings.add("");
        Files.writeString(directory.resolve("turnserver.conf"), String.join("\n", settings));
        return launch(directory, namespace, ip, port, secret, probeFrom);
    }

    /**
     * Starts coturn again, after {@link #kill}, with the same settings and secret: the credentials handed out stay
     * valid, the allocations are gone, as after a relay's restart.
     */
    public CoturnProcess restart(String probeFrom) throws IOException, InterruptedException {
        return launch(directory, namespace, ip, port, secret, probeFrom);
    }

    private static CoturnProcess launch(Path directory, String namespace, String ip, int port, String secret,
            String probeFrom) throws IOException, InterruptedException {
        String[] command = {"turnserver", "-c", directory.resolve("turnserver.conf").toString()};
        Process process = new ProcessBuilder(namespace == null ? command : TestNetwork.inNamespace(namespace, command))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("turnserver.out").toFile()))
                .start();
        CoturnProcess coturn = new CoturnProcess(directory, namespace, ip, port, secret, process);
        try {
            coturn.awaitAnswerFrom(probeFrom);
            return coturn;
        } catch (Exception | Error e) {
            coturn.close();
            throw e;
        }
    }

    StunServer stun() {
        return new StunServer(ip, port);
    }

    /** A TURN server entry with a fresh credential in coturn's REST scheme. */
    TurnServer turn() {
        return turn(Duration.ofHours(1));
    }

    /** A TURN server entry with a credential that coturn accepts for {@code validFor} from now. */
    TurnServer turn(Duration validFor) {
        return turn(validFor, RelayTransport.UDP, port, "netloom-test");
    }

    /** A TURN server entry over {@code transport} on {@code serverPort}, with a credential valid for an hour. */
    TurnServer turn(RelayTransport transport, int serverPort) {
        return turn(transport, serverPort, "netloom-test");
    }

    /**
     * The same for {@code user}: credentials of one user share coturn's per-user quota, so a test of the quota names
     * one user twice and every other test a user of its own.
     */
    public TurnServer turn(RelayTransport transport, int serverPort, String user) {
        return turn(Duration.ofHours(1), transport, serverPort, user);
    }

    private TurnServer turn(Duration validFor, RelayTransport transport, int serverPort, String user) {
        String username = Instant.now().plus(validFor).getEpochSecond() + ":" + user;
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            String password = Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
            return new TurnServer(ip, serverPort, transport, username, password);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Waits until coturn's TCP (and TLS) listeners accept a connection from {@code probeFrom}: it opens them after
     * its UDP listener, which is what {@link #start} waits for.
     */
    public void awaitStreamListeners(String probeFrom, int... ports) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (int streamPort : ports) {
            while (!accepts(probeFrom, streamPort)) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("turnserver did not accept on " + ip + ":" + streamPort
                            + " within 30 s: " + log());
                }
                Thread.sleep(100);
            }
        }
    }

    private boolean accepts(String probeFrom, int streamPort) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(probeFrom), 0));
            socket.connect(new InetSocketAddress(InetAddress.getByName(ip), streamPort), 1000);
            return true;
        } catch (ConnectException | SocketTimeoutException notYet) {
            return false;
        }
    }

    /** Kills coturn at once (SIGKILL): the relay disappears mid-session without a word. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    int port() {
        return port;
    }

    public String log() {
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
                Files.copy(directory.resolve("turnserver.log"), Path.of(keep), StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                // best effort
            }
        }
        TestNetwork.stop(process);
    }

    /** Ready when it answers a STUN Binding request (in the NAT lab, one that crosses a NAT router). */
    private void awaitAnswerFrom(String probeFrom) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(probeFrom), 0))) {
            socket.setSoTimeout(300);
            byte[] request = new byte[20];
            request[1] = 0x01;
            request[4] = 0x21;
            request[5] = 0x12;
            request[6] = (byte) 0xA4;
            request[7] = 0x42;
            byte[] transaction = new byte[12];
            new SecureRandom().nextBytes(transaction);
            System.arraycopy(transaction, 0, request, 8, 12);
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("turnserver exited: " + log() + readQuietly(directory.resolve("turnserver.out")));
                }
                socket.send(new DatagramPacket(request, request.length, InetAddress.getByName(ip), port));
                try {
                    socket.receive(new DatagramPacket(new byte[1500], 1500));
                    return;
                } catch (SocketTimeoutException e) {
                    // not yet
                }
            }
        }
        throw new IllegalStateException("turnserver did not answer within 30 s: " + log());
    }

    private static String readQuietly(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            return "";
        }
    }
}
