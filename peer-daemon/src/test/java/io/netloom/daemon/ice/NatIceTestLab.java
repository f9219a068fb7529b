package io.netloom.daemon.ice;

import static io.netloom.daemon.ice.TestNetwork.inNamespace;
import static io.netloom.daemon.ice.TestNetwork.run;
import static io.netloom.daemon.ice.TestNetwork.runQuietly;

import io.netloom.daemon.relay.RelayTransport;
import io.netloom.daemon.relay.TestRelayAuthority;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A lab like the real one: coturn in its own namespace on 203.0.113.1 (TURN over UDP and TCP on 3478, over TLS on
 * 5349 with a certificate from a test CA, {@link #relayCaFile()}), and four NAT routers in front of it: one
 * endpoint-independent ({@code masquerade}, like the lab's nl-rtr-a), two symmetric
 * ({@code masquerade random,fully-random}, like nl-rtr-c), and one endpoint-independent that drops every UDP
 * datagram its LAN sends (a hotel or guest network); all drop unsolicited WAN input.
 *
 * <pre>
 *   root ns (test JVM)                nlt-rtra (198.18.250.2 | 203.0.113.11)   nlt-turn (bridge nlt-br
 *   nlt-na 198.18.250.1  ---- veth ----  masquerade          ---- veth ----     203.0.113.1, coturn)
 *   nlt-nc 198.18.251.1  ---- veth ----  nlt-rtrc (198.18.251.2 | 203.0.113.13, masquerade fully-random)
 *   nlt-nu 198.18.252.1  ---- veth ----  nlt-rtru (198.18.252.2 | 203.0.113.14, masquerade, no UDP out)
 *   nlt-nd 198.18.253.1  ---- veth ----  nlt-rtrd (198.18.253.2 | 203.0.113.15, masquerade fully-random)
 * </pre>
 *
 * The peers stay in the test JVM (root namespace): policy routing by source address sends what peer A
 * (198.18.250.1), peer C (198.18.251.1), peer U (198.18.252.1) and peer D (198.18.253.1) send to 203.0.113.0/24
 * through their router.
 * Direct traffic between the local addresses would stay on {@code lo}; an nftables table {@code inet nlt_ice_nat}
 * drops it, so the only path between the peers is coturn's relay. Everything created here is named {@code nlt-*}.
 */
final class NatIceTestLab implements AutoCloseable {

    static final String IF_A = "nlt-na";
    static final String IF_C = "nlt-nc";
    static final String IF_U = "nlt-nu";
    static final String IF_D = "nlt-nd";
    static final String IP_A = "198.18.250.1";
    static final String IP_C = "198.18.251.1";
    static final String IP_U = "198.18.252.1";
    static final String IP_D = "198.18.253.1";
    static final String IP_TURN = "203.0.113.1";
    static final String WAN_A = "203.0.113.11";
    static final String WAN_C = "203.0.113.13";
    static final String WAN_U = "203.0.113.14";
    static final String WAN_D = "203.0.113.15";
    static final int TURN_PORT = 3478;
    static final int TURN_TLS_PORT = 5349;
    static final String NS_TURN = "nlt-turn";
    static final String NS_RTR_A = "nlt-rtra";
    static final String NS_RTR_C = "nlt-rtrc";
    static final String NS_RTR_U = "nlt-rtru";
    static final String NS_RTR_D = "nlt-rtrd";
    static final String TABLE = "nlt_ice_nat";

    private final Path directory;
    private final List<String> coturnSettings;
    private final TestRelayAuthority authority = TestRelayAuthority.create("Netloom NAT lab relay CA");
    private CoturnProcess coturn;
    private Process capture;

    private NatIceTestLab(Path directory, List<String> coturnSettings) {
        this.directory = directory;
        this.coturnSettings = coturnSettings;
    }

    static NatIceTestLab start() throws Exception {
        return start(List.of());
    }

    /** The lab with {@code coturnSettings} added to coturn's configuration (e.g. a short allocation lifetime). */
    static NatIceTestLab start(List<String> coturnSettings) throws Exception {
        IceTestLab.assumeUsable();
        removeLeftovers();
        NatIceTestLab lab = new NatIceTestLab(Files.createTempDirectory("nlt-ice-nat"), coturnSettings);
        try {
            lab.build();
            lab.startCoturn();
            return lab;
        } catch (Exception | Error e) {
            lab.close();
            throw e;
        }
    }

    private void build() throws IOException, InterruptedException {
        for (String ns : List.of(NS_TURN, NS_RTR_A, NS_RTR_C, NS_RTR_U, NS_RTR_D)) {
            run("ip", "netns", "add", ns);
            ns(ns, "ip", "link", "set", "lo", "up");
        }
        ns(NS_TURN, "ip", "link", "add", "nlt-br", "type", "bridge");
        ns(NS_TURN, "ip", "addr", "add", IP_TURN + "/24", "dev", "nlt-br");
        ns(NS_TURN, "ip", "link", "set", "nlt-br", "up");
        router(NS_RTR_A, IF_A, "198.18.250", WAN_A, "nlt-ra", "masquerade", 250);
        router(NS_RTR_C, IF_C, "198.18.251", WAN_C, "nlt-rc", "masquerade random,fully-random", 251);
        router(NS_RTR_U, IF_U, "198.18.252", WAN_U, "nlt-ru", "masquerade", 252);
        router(NS_RTR_D, IF_D, "198.18.253", WAN_D, "nlt-rd", "masquerade random,fully-random", 253);
        // Counts what U sends to coturn's STUN and TURN port over UDP, whether dropped or not (ICE checks towards
        // relayed candidates go to coturn's relay ports instead).
        ns(NS_RTR_U, "nft", "add", "rule", "inet", "filter", "blocked", "iifname", IF_U + "-l", "ip", "daddr", IP_TURN,
                "udp", "dport", String.valueOf(TURN_PORT), "counter");
        blockUdpFromU();
        Path rules = directory.resolve("root.nft");
        Files.writeString(rules, String.join("\n",
                "table inet " + TABLE + " {",
                "  counter to_turn { }",
                "  chain out {",
                "    type filter hook output priority 0; policy accept;",
                "    ip daddr " + IP_TURN + " meta l4proto udp counter name to_turn",
                "    ip saddr { " + IP_A + ", " + IP_C + ", " + IP_U + ", " + IP_D + " } ip daddr { " + IP_A + ", "
                        + IP_C + ", " + IP_U + ", " + IP_D + " } counter drop",
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
                "  chain blocked { }",
                "  chain routed { type filter hook forward priority 0; policy drop;",
                "    jump blocked",
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

    /**
     * From now on router U also drops TCP to coturn's plain TURN port: only TLS (5349) gets through. Until
     * {@link #allowTurnTcpFromU()}.
     */
    void blockTurnTcpFromU() throws IOException, InterruptedException {
        ns(NS_RTR_U, "nft", "add", "rule", "inet", "filter", "blocked", "iifname", IF_U + "-l", "tcp", "dport",
                String.valueOf(TURN_PORT), "counter", "drop");
    }

    void allowTurnTcpFromU() throws IOException, InterruptedException {
        deleteRulesAtU(line -> line.contains("tcp dport"));
    }

    /** UDP datagrams router U has dropped (everything its LAN tried to send over UDP). */
    long udpDroppedAtU() throws IOException, InterruptedException {
        return packetsOfRuleAtU("udp", "drop");
    }

    /** UDP datagrams U sent to coturn's STUN and TURN port, dropped by its router or not. */
    long udpToTurnFromU() throws IOException, InterruptedException {
        return packetsOfRuleAtU("daddr " + IP_TURN, "udp dport");
    }

    /** TCP connection attempts to coturn's plain TURN port router U dropped while {@link #blockTurnTcpFromU()}. */
    long turnTcpDroppedAtU() throws IOException, InterruptedException {
        String chain = ns(NS_RTR_U, "nft", "list", "chain", "inet", "filter", "blocked");
        return chain.lines().filter(line -> line.contains("tcp dport")).mapToLong(TestNetwork::packets).sum();
    }

    /** From now on router U lets its LAN's UDP out, like any other router, until {@link #blockUdpFromU()}. */
    void allowUdpFromU() throws IOException, InterruptedException {
        deleteRulesAtU(line -> line.contains("udp") && line.contains("drop"));
    }

    /** Router U drops every UDP datagram its LAN sends (as it does from the start). Idempotent. */
    void blockUdpFromU() throws IOException, InterruptedException {
        String chain = ns(NS_RTR_U, "nft", "list", "chain", "inet", "filter", "blocked");
        if (chain.lines().noneMatch(line -> line.contains("udp") && line.contains("drop"))) {
            ns(NS_RTR_U, "nft", "add", "rule", "inet", "filter", "blocked", "iifname", IF_U + "-l", "meta", "l4proto",
                    "udp", "counter", "drop");
        }
    }

    private long packetsOfRuleAtU(String... words) throws IOException, InterruptedException {
        String chain = ns(NS_RTR_U, "nft", "list", "chain", "inet", "filter", "blocked");
        return TestNetwork.packets(chain.lines().filter(line -> Arrays.stream(words).allMatch(line::contains))
                .findFirst().orElseThrow());
    }

    private void deleteRulesAtU(Predicate<String> which) throws IOException, InterruptedException {
        String handles = ns(NS_RTR_U, "nft", "-a", "list", "chain", "inet", "filter", "blocked");
        for (String line : handles.lines().filter(which).toList()) {
            String handle = line.substring(line.lastIndexOf("handle ") + "handle ".length()).strip();
            ns(NS_RTR_U, "nft", "delete", "rule", "inet", "filter", "blocked", "handle", handle);
        }
    }

    /** coturn as a relay over UDP, TCP and TLS, as a server that lists all three hands it out. */
    List<TurnServer> relaysOverEveryTransport() {
        return List.of(coturn.turn(RelayTransport.UDP, TURN_PORT), coturn.turn(RelayTransport.TCP, TURN_PORT),
                coturn.turn(RelayTransport.TLS, TURN_TLS_PORT));
    }

    /** The PEM file of the CA that issued coturn's TLS certificate. */
    Path relayCaFile() {
        return directory.resolve("relay-ca.pem");
    }

    /** The lab's coturn: STUN and TURN server entries for the peers. */
    CoturnProcess coturn() {
        return coturn;
    }

    /** Starts tcpdump on coturn's bridge (written to {@code file}); for debugging. */
    void captureTo(Path file) throws IOException, InterruptedException {
        capture = new ProcessBuilder(inNamespace(NS_TURN, "tcpdump", "-i", "nlt-br", "-U", "-n", "-w",
                file.toString(), "udp")).redirectErrorStream(true).redirectOutput(directory.resolve("tcpdump.out").toFile())
                .start();
        Thread.sleep(1000);
    }

    /** Datagrams sent from the test JVM to coturn's address (before NAT). */
    long turnDatagrams() throws IOException, InterruptedException {
        return TestNetwork.packets(run("nft", "list", "counter", "inet", TABLE, "to_turn"));
    }

    /** UDP datagrams that left coturn's relay ports (counted on the bridge of coturn's namespace). */
    long relayedDatagrams() throws IOException, InterruptedException {
        return TestNetwork.packets(ns(NS_TURN, "nft", "list", "counter", "inet", "count", "relayed"));
    }

    /**
     * Kills coturn (SIGKILL), waits {@code down}, starts it again with the same settings and secret, and returns
     * once its UDP, TCP and TLS listeners answer from A's address.
     */
    void restartCoturn(Duration down) throws IOException, InterruptedException {
        coturn.kill();
        Thread.sleep(down.toMillis());
        coturn = coturn.restart(IP_A);
        coturn.awaitStreamListeners(IP_A, TURN_PORT, TURN_TLS_PORT);
    }

    String turnLog() {
        return coturn.log();
    }

    private void startCoturn() throws IOException, InterruptedException {
        Path counting = directory.resolve("turn.nft");
        Files.writeString(counting, String.join("\n",
                "table inet count {",
                "  counter relayed { }",
                "  chain out { type filter hook output priority 0; policy accept;",
                "    ip saddr " + IP_TURN + " udp sport 49152-49999 counter name relayed; }",
                "}",
                ""));
        ns(NS_TURN, "nft", "-f", counting.toString());
        authority.writeCertificate(relayCaFile());
        authority.issueServerFiles(IP_TURN, directory.resolve("relay.crt"), directory.resolve("relay.key"));
        // Probed from peer A's address, so coturn is only ready once it answers through router A and its NAT.
        coturn = CoturnProcess.start(directory, NS_TURN, IP_TURN, TURN_PORT,
                Stream.concat(Stream.of("min-port=49152", "max-port=49999",
                        "tls-listening-port=" + TURN_TLS_PORT,
                        "cert=" + directory.resolve("relay.crt"),
                        "pkey=" + directory.resolve("relay.key"),
                        // Like a production relay: never towards private addresses, only to the lab's "internet".
                        "denied-peer-ip=198.18.0.0-198.19.255.255",
                        "allowed-peer-ip=203.0.113.0-203.0.113.255"),
                        coturnSettings.stream()).toList(), IP_A);
    }

    @Override
    public void close() {
        TestNetwork.stop(capture);
        if (coturn != null) {
            coturn.close();
        }
        removeLeftovers();
        TestNetwork.deleteQuietly(directory);
    }

    private static String ns(String ns, String... command) throws IOException, InterruptedException {
        return run(inNamespace(ns, command));
    }

    private static void removeLeftovers() {
        runQuietly("ip", "rule", "del", "pref", "250");
        runQuietly("ip", "rule", "del", "pref", "251");
        runQuietly("ip", "rule", "del", "pref", "252");
        runQuietly("ip", "rule", "del", "pref", "253");
        runQuietly("ip", "route", "flush", "table", "250");
        runQuietly("ip", "route", "flush", "table", "251");
        runQuietly("ip", "route", "flush", "table", "252");
        runQuietly("ip", "route", "flush", "table", "253");
        runQuietly("ip", "link", "del", IF_A);
        runQuietly("ip", "link", "del", IF_C);
        runQuietly("ip", "link", "del", IF_U);
        runQuietly("ip", "link", "del", IF_D);
        for (String ns : List.of(NS_RTR_A, NS_RTR_C, NS_RTR_U, NS_RTR_D, NS_TURN)) {
            runQuietly("ip", "netns", "del", ns);
        }
        runQuietly("nft", "delete", "table", "inet", TABLE);
    }
}
