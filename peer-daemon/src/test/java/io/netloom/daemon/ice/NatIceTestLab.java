package io.netloom.daemon.ice;

import static io.netloom.daemon.ice.IceTestLab.run;

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
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A lab like the real one: coturn in its own namespace on 203.0.113.1:3478, and two NAT routers in front of it,
 * one endpoint-independent ({@code masquerade}, like the lab's nl-rtr-a) and one symmetric
 * ({@code masquerade random,fully-random}, like nl-rtr-c); both drop unsolicited WAN input.
 *
 * <pre>
 *   root ns (test JVM)                nlt-rtra (198.18.250.2 | 203.0.113.11)   nlt-turn (bridge nlt-br
 *   nlt-na 198.18.250.1  ---- veth ----  masquerade          ---- veth ----     203.0.113.1, coturn)
 *   nlt-nc 198.18.251.1  ---- veth ----  nlt-rtrc (198.18.251.2 | 203.0.113.13, masquerade fully-random)
 * </pre>
 *
 * The peers stay in the test JVM (root namespace): policy routing by source address sends what peer A
 * (198.18.250.1) and peer C (198.18.251.1) send to 203.0.113.0/24 through their router. Direct traffic between the
 * two local addresses would stay on {@code lo}; an nftables table {@code inet nlt_ice_nat} drops it, so the only
 * path between the peers is coturn's relay. Everything created here is named {@code nlt-*}.
 */
final class NatIceTestLab implements AutoCloseable {

    static final String IF_A = "nlt-na";
    static final String IF_C = "nlt-nc";
    static final String IP_A = "198.18.250.1";
    static final String IP_C = "198.18.251.1";
    static final String IP_TURN = "203.0.113.1";
    static final String WAN_A = "203.0.113.11";
    static final String WAN_C = "203.0.113.13";
    static final int TURN_PORT = 3478;
    static final String NS_TURN = "nlt-turn";
    static final String NS_RTR_A = "nlt-rtra";
    static final String NS_RTR_C = "nlt-rtrc";
    static final String TABLE = "nlt_ice_nat";
    static final String REALM = "netloom.test";

    private final Path directory;
    private final String secret;
    private Process turnserver;
    private Process capture;

    private NatIceTestLab(Path directory, String secret) {
        this.directory = directory;
        this.secret = secret;
    }

    static NatIceTestLab start() throws Exception {
        IceTestLab.assumeUsable();
        removeLeftovers();
        Path directory = Files.createTempDirectory("nlt-ice-nat");
        byte[] secretBytes = new byte[18];
        new SecureRandom().nextBytes(secretBytes);
        NatIceTestLab lab = new NatIceTestLab(directory, Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes));
        try {
            lab.build();
            lab.startTurnserver();
            return lab;
        } catch (Exception | Error e) {
            lab.close();
            throw e;
        }
    }

    private void build() throws IOException, InterruptedException {
        for (String ns : List.of(NS_TURN, NS_RTR_A, NS_RTR_C)) {
            run("ip", "netns", "add", ns);
            ns(ns, "ip", "link", "set", "lo", "up");
        }
        ns(NS_TURN, "ip", "link", "add", "nlt-br", "type", "bridge");
        ns(NS_TURN, "ip", "addr", "add", IP_TURN + "/24", "dev", "nlt-br");
        ns(NS_TURN, "ip", "link", "set", "nlt-br", "up");
        router(NS_RTR_A, IF_A, "198.18.250", WAN_A, "nlt-ra", "masquerade", 250);
        router(NS_RTR_C, IF_C, "198.18.251", WAN_C, "nlt-rc", "masquerade random,fully-random", 251);
        Path rules = directory.resolve("root.nft");
        Files.writeString(rules, String.join("\n",
                "table inet " + TABLE + " {",
                "  counter to_turn { }",
                "  chain out {",
                "    type filter hook output priority 0; policy accept;",
                "    ip daddr " + IP_TURN + " meta l4proto udp counter name to_turn",
                "    ip saddr " + IP_A + " ip daddr " + IP_C + " counter drop",
                "    ip saddr " + IP_C + " ip daddr " + IP_A + " counter drop",
                "  }",
                "}",
                ""));
        run("nft", "-f", rules.toString());
    }

    /** A router namespace: LAN veth to the root namespace, WAN veth into coturn's bridge, NAT and filtering. */
    private void router(String ns, String lanIf, String lanNet, String wanIp, String prefix, String masquerade, int table)
            throws IOException, InterruptedException {
        run("ip", "link", "add", lanIf, "type", "veth", "peer", "name", lanIf + "-l", "netns", ns);
        run("ip", "addr", "add", lanNet + ".1/30", "dev", lanIf);
        run("ip", "link", "set", lanIf, "up");
        run("sysctl", "-qw", "net.ipv4.conf." + lanIf + ".rp_filter=0");
        ns(ns, "ip", "addr", "add", lanNet + ".2/30", "dev", lanIf + "-l");
        ns(ns, "ip", "link", "set", lanIf + "-l", "up");
        ns(ns, "ip", "link", "add", prefix + "-w", "type", "veth", "peer", "name", prefix + "-b", "netns", NS_TURN);
        ns(ns, "ip", "addr", "add", wanIp + "/24", "dev", prefix + "-w");
        ns(ns, "ip", "link", "set", prefix + "-w", "up");
        ns(NS_TURN, "ip", "link", "set", prefix + "-b", "master", "nlt-br");
        ns(NS_TURN, "ip", "link", "set", prefix + "-b", "up");
        ns(ns, "sysctl", "-qw", "net.ipv4.ip_forward=1");
        Path rules = directory.resolve(ns + ".nft");
        Files.writeString(rules, String.join("\n",
                "table inet nat {",
                "  chain post { type nat hook postrouting priority 100; oifname \"" + prefix + "-w\" " + masquerade + "; }",
                "}",
                "table inet filter {",
                "  chain routed { type filter hook forward priority 0; policy drop;",
                "    ct state established,related accept",
                "    iifname \"" + lanIf + "-l\" oifname \"" + prefix + "-w\" accept; }",
                "  chain local_in { type filter hook input priority 0; policy drop;",
                "    ct state established,related accept",
                "    iifname \"lo\" accept",
                "    iifname \"" + lanIf + "-l\" accept; }",
                "}",
                ""));
        ns(ns, "nft", "-f", rules.toString());
        run("ip", "route", "add", "203.0.113.0/24", "via", lanNet + ".2", "dev", lanIf, "table", String.valueOf(table));
        run("ip", "rule", "add", "pref", String.valueOf(table), "from", lanNet + ".1", "lookup", String.valueOf(table));
    }

    StunServer stun() {
        return new StunServer(IP_TURN, TURN_PORT);
    }

    TurnServer turn() {
        String username = (Instant.now().getEpochSecond() + 3600) + ":netloom-test";
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            String password = Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
            return new TurnServer(IP_TURN, TURN_PORT, username, password);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts tcpdump on coturn's bridge (written to {@code file}); for debugging. */
    void captureTo(Path file) throws IOException, InterruptedException {
        capture = new ProcessBuilder("ip", "netns", "exec", NS_TURN, "tcpdump", "-i", "nlt-br", "-U", "-n", "-w",
                file.toString(), "udp").redirectErrorStream(true).redirectOutput(directory.resolve("tcpdump.out").toFile())
                .start();
        Thread.sleep(1000);
    }

    /** Datagrams sent from the test JVM to coturn's address (before NAT). */
    long turnDatagrams() throws IOException, InterruptedException {
        String out = run("nft", "list", "counter", "inet", TABLE, "to_turn");
        var matcher = java.util.regex.Pattern.compile("packets (\\d+)").matcher(out);
        if (!matcher.find()) {
            throw new IllegalStateException("no counter in: " + out);
        }
        return Long.parseLong(matcher.group(1));
    }

    /** UDP datagrams that left coturn's relay ports (counted on the bridge of coturn's namespace). */
    long relayedDatagrams() throws IOException, InterruptedException {
        String out = ns(NS_TURN, "nft", "list", "counter", "inet", "count", "relayed");
        var matcher = java.util.regex.Pattern.compile("packets (\\d+)").matcher(out);
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

    private void startTurnserver() throws IOException, InterruptedException {
        Path counting = directory.resolve("turn.nft");
        Files.writeString(counting, String.join("\n",
                "table inet count {",
                "  counter relayed { }",
                "  chain out { type filter hook output priority 0; policy accept;",
                "    ip saddr " + IP_TURN + " udp sport 49152-49999 counter name relayed; }",
                "}",
                ""));
        ns(NS_TURN, "nft", "-f", counting.toString());
        Path config = directory.resolve("turnserver.conf");
        Files.writeString(config, String.join("\n",
                "listening-ip=" + IP_TURN,
                "relay-ip=" + IP_TURN,
                "listening-port=" + TURN_PORT,
                "min-port=49152",
                "max-port=49999",
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
                "allowed-peer-ip=203.0.113.0-203.0.113.255",
                "userdb=" + directory.resolve("turndb"),
                "pidfile=" + directory.resolve("turnserver.pid"),
                "log-file=" + directory.resolve("turnserver.log"),
                "simple-log",
                "no-stdout-log",
                "verbose",
                ""));
        turnserver = new ProcessBuilder("ip", "netns", "exec", NS_TURN, "turnserver", "-c", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("turnserver.out").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        // Ready when it answers a STUN Binding request (through router A and its NAT).
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
                    throw new IllegalStateException("turnserver exited: " + turnLog());
                }
                socket.send(new DatagramPacket(request, request.length, InetAddress.getByName(IP_TURN), TURN_PORT));
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

    @Override
    public void close() {
        String keep = System.getProperty("nlt.keepTurnLog");
        if (keep != null) {
            try {
                Files.copy(directory.resolve("turnserver.log"), Path.of(keep), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                // best effort
            }
        }
        for (Process process : new Process[] {capture, turnserver}) {
            if (process == null) {
                continue;
            }
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
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

    private static String ns(String ns, String... command) throws IOException, InterruptedException {
        String[] full = new String[command.length + 4];
        full[0] = "ip";
        full[1] = "netns";
        full[2] = "exec";
        full[3] = ns;
        System.arraycopy(command, 0, full, 4, command.length);
        return run(full);
    }

    private static void removeLeftovers() {
        quietly("ip", "rule", "del", "pref", "250");
        quietly("ip", "rule", "del", "pref", "251");
        quietly("ip", "route", "flush", "table", "250");
        quietly("ip", "route", "flush", "table", "251");
        quietly("ip", "link", "del", IF_A);
        quietly("ip", "link", "del", IF_C);
        for (String ns : List.of(NS_RTR_A, NS_RTR_C, NS_TURN)) {
            quietly("ip", "netns", "del", ns);
        }
        quietly("nft", "delete", "table", "inet", TABLE);
    }

    private static void quietly(String... command) {
        try {
            run(command);
        } catch (IOException e) {
            // best effort
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
