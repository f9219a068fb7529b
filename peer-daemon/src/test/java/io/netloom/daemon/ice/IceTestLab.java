package io.netloom.daemon.ice;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A throw-away network for the ICE tests, in the root namespace: veth interfaces {@code nlt-ice-a}
 * (198.18.240.1, peer A), {@code nlt-ice-b} (198.18.240.2, peer B) and {@code nlt-ice-t} (198.18.240.3, coturn;
 * 198.18.240.9, an address where nothing listens), an nftables table {@code inet nlt_ice_test} that can drop
 * direct A↔B traffic and counts datagrams sent to coturn, and a coturn with the REST (shared secret) credential
 * scheme. Traffic between local addresses never leaves the machine (it is routed over {@code lo}).
 *
 * <p>Debugging knobs (system properties of the test JVM, e.g. {@code -DargLine=-Dnlt.keepTurnLog=/tmp/turn.log}):
 * {@code nlt.keepTurnLog} copies coturn's (verbose) log there on close, {@code nlt.staleNonce} sets coturn's
 * {@code stale-nonce} seconds.
 */
final class IceTestLab implements AutoCloseable {

    static final String IF_A = "nlt-ice-a";
    static final String IF_B = "nlt-ice-b";
    static final String IF_TURN = "nlt-ice-t";
    static final String IP_A = "198.18.240.1";
    static final String IP_B = "198.18.240.2";
    static final String IP_TURN = "198.18.240.3";
    static final String IP_DEAD = "198.18.240.9";
    static final String TABLE = "nlt_ice_test";
    static final String REALM = "netloom.test";

    private final Path directory;
    private final String secret;
    private final int turnPort;
    private Process turnserver;

    private IceTestLab(Path directory, String secret, int turnPort) {
        this.directory = directory;
        this.secret = secret;
        this.turnPort = turnPort;
    }

    static void assumeUsable() {
        assumeTrue(isRoot(), "needs root");
        for (String tool : List.of("ip", "nft", "turnserver")) {
            assumeTrue(onPath(tool), "needs " + tool + " on the PATH");
        }
    }

    static IceTestLab start() throws Exception {
        assumeUsable();
        removeLeftovers();
        Path directory = Files.createTempDirectory("nlt-ice-lab");
        byte[] secretBytes = new byte[18];
        new SecureRandom().nextBytes(secretBytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
        IceTestLab lab = null;
        try {
            // veth pairs (this kernel has no dummy links); the "-p" ends stay without address.
            for (String[] link : new String[][] {{IF_A, IP_A}, {IF_B, IP_B}, {IF_TURN, IP_TURN}}) {
                run("ip", "link", "add", link[0], "type", "veth", "peer", "name", link[0] + "p");
                run("ip", "addr", "add", link[1] + "/32", "dev", link[0]);
                run("ip", "link", "set", link[0] + "p", "up");
                run("ip", "link", "set", link[0], "up");
            }
            run("ip", "addr", "add", IP_DEAD + "/32", "dev", IF_TURN);
            int turnPort = freeUdpPort(IP_TURN);
            lab = new IceTestLab(directory, secret, turnPort);
            lab.setUpNftables();
            lab.startTurnserver();
            return lab;
        } catch (Exception | Error e) {
            if (lab != null) {
                lab.close();
            } else {
                removeLeftovers();
                Files.deleteIfExists(directory);
            }
            throw e;
        }
    }

    int turnPort() {
        return turnPort;
    }

    StunServer stun() {
        return new StunServer(IP_TURN, turnPort);
    }

    /** A TURN server entry with a fresh credential in coturn's REST scheme. */
    TurnServer turn() {
        String username = (Instant.now().getEpochSecond() + 3600) + ":netloom-test";
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            String password = Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
            return new TurnServer(IP_TURN, turnPort, username, password);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Drops every datagram between A's and B's addresses, so only paths through coturn work. */
    void blockDirect() throws IOException, InterruptedException {
        run("nft", "add", "rule", "inet", TABLE, "direct", "ip", "saddr", IP_A, "ip", "daddr", IP_B, "counter", "drop");
        run("nft", "add", "rule", "inet", TABLE, "direct", "ip", "saddr", IP_B, "ip", "daddr", IP_A, "counter", "drop");
    }

    /** Also drops what coturn relays (from its relay ports) to A and B: only its own answers get through. */
    void blockRelayedData() throws IOException, InterruptedException {
        run("nft", "add", "rule", "inet", TABLE, "direct", "ip", "saddr", IP_TURN, "udp", "sport", "!=", String.valueOf(turnPort),
                "counter", "drop");
    }

    void unblockDirect() throws IOException, InterruptedException {
        run("nft", "flush", "chain", "inet", TABLE, "direct");
    }

    /** Datagrams sent to coturn's address (its listening port or a relay port, from anyone) since the lab started. */
    long turnDatagrams() throws IOException, InterruptedException {
        String out = run("nft", "list", "counter", "inet", TABLE, "to_turn");
        Matcher matcher = Pattern.compile("packets (\\d+)").matcher(out);
        if (!matcher.find()) {
            throw new IllegalStateException("no counter in: " + out);
        }
        return Long.parseLong(matcher.group(1));
    }

    String turnLog() {
        try {
            return Files.readString(directory.resolve("turnserver.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (System.getProperty("nlt.keepTurnLog") != null) {
            try {
                Files.copy(directory.resolve("turnserver.log"), Path.of(System.getProperty("nlt.keepTurnLog")),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                // best effort
            }
        }
        if (turnserver != null) {
            turnserver.destroy();
            try {
                if (!turnserver.waitFor(10, TimeUnit.SECONDS)) {
                    turnserver.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        removeLeftovers();
        try (var files = Files.walk(directory)) {
            files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // best effort
        }
    }

    private void setUpNftables() throws IOException, InterruptedException {
        Path rules = directory.resolve("rules.nft");
        Files.writeString(rules, String.join("\n",
                "table inet " + TABLE + " {",
                "  counter to_turn { }",
                "  chain direct { }",
                "  chain out {",
                "    type filter hook output priority 0; policy accept;",
                "    ip daddr " + IP_TURN + " meta l4proto udp counter name to_turn",
                "    jump direct",
                "  }",
                "}",
                ""));
        run("nft", "-f", rules.toString());
    }

    private void startTurnserver() throws IOException, InterruptedException {
        Path config = directory.resolve("turnserver.conf");
        Files.writeString(config, String.join("\n",
                "listening-ip=" + IP_TURN,
                "relay-ip=" + IP_TURN,
                "listening-port=" + turnPort,
                "min-port=50000",
                "max-port=50999",
                "use-auth-secret",
                "static-auth-secret=" + secret,
                "realm=" + REALM,
                "fingerprint",
                "no-tls",
                "no-dtls",
                "no-tcp",
                "no-tcp-relay",
                "no-cli",
                "no-multicast-peers",
                // Relay only inside the test range, whatever coturn's defaults are.
                "denied-peer-ip=0.0.0.0-255.255.255.255",
                "allowed-peer-ip=198.18.0.0-198.19.255.255",
                "userdb=" + directory.resolve("turndb"),
                "pidfile=" + directory.resolve("turnserver.pid"),
                "log-file=" + directory.resolve("turnserver.log"),
                "simple-log",
                "no-stdout-log",
                "verbose",
                System.getProperty("nlt.staleNonce") == null ? "" : "stale-nonce=" + System.getProperty("nlt.staleNonce"),
                ""));
        turnserver = new ProcessBuilder("turnserver", "-c", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("turnserver.out").toFile())
                .start();
        // Ready when it answers a STUN Binding request.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(IP_A), 0))) {
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
                if (!turnserver.isAlive()) {
                    throw new IllegalStateException("turnserver exited: " + turnLog() + readQuietly(directory.resolve("turnserver.out")));
                }
                socket.send(new DatagramPacket(request, request.length, InetAddress.getByName(IP_TURN), turnPort));
                try {
                    socket.receive(new DatagramPacket(new byte[1500], 1500));
                    return;
                } catch (SocketTimeoutException e) {
                    // not yet
                }
            }
        }
        throw new IllegalStateException("turnserver did not answer within 30 s: " + turnLog());
    }

    private static String readQuietly(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            return "";
        }
    }

    private static void removeLeftovers() {
        for (String link : List.of(IF_A, IF_B, IF_TURN)) {
            runQuietly("ip", "link", "del", link);
        }
        runQuietly("nft", "delete", "table", "inet", TABLE);
    }

    private static int freeUdpPort(String ip) throws IOException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(ip), 0))) {
            return socket.getLocalPort();
        }
    }

    static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish");
        }
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed (" + process.exitValue() + "): " + out.strip());
        }
        return out;
    }

    private static void runQuietly(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            // best effort
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
