package io.netloom.daemon.ice;

import static io.netloom.daemon.ice.TestNetwork.run;
import static io.netloom.daemon.ice.TestNetwork.runQuietly;

import io.netloom.daemon.link.RootTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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

    private final Path directory;
    private CoturnProcess coturn;

    private IceTestLab(Path directory) {
        this.directory = directory;
    }

    /** Skips the calling test unless it runs as root with what the ICE labs need. */
    static void assumeUsable() {
        RootTools.assumeRootWith("ip", "nft", "turnserver");
    }

    static IceTestLab start() throws Exception {
        assumeUsable();
        removeLeftovers();
        IceTestLab lab = new IceTestLab(Files.createTempDirectory("nlt-ice-lab"));
        try {
            // veth pairs (this kernel has no dummy links); the "-p" ends stay without address.
            for (String[] link : new String[][] {{IF_A, IP_A}, {IF_B, IP_B}, {IF_TURN, IP_TURN}}) {
                run("ip", "link", "add", link[0], "type", "veth", "peer", "name", link[0] + "p");
                run("ip", "addr", "add", link[1] + "/32", "dev", link[0]);
                run("ip", "link", "set", link[0] + "p", "up");
                run("ip", "link", "set", link[0], "up");
            }
            run("ip", "addr", "add", IP_DEAD + "/32", "dev", IF_TURN);
            lab.setUpNftables();
            lab.startCoturn(TestNetwork.freeUdpPort(IP_TURN));
            return lab;
        } catch (Exception | Error e) {
            lab.close();
            throw e;
        }
    }

    /** The lab's coturn: STUN and TURN server entries for the peers. */
    CoturnProcess coturn() {
        return coturn;
    }

    /** Kills coturn (SIGKILL) and starts it again after {@code down}, with its settings and secret. */
    void restartCoturn(java.time.Duration down) throws IOException, InterruptedException {
        coturn.kill();
        Thread.sleep(down.toMillis());
        coturn = coturn.restart(IP_A);
    }

    /** Drops every datagram between A's and B's addresses, so only paths through coturn work. */
    void blockDirect() throws IOException, InterruptedException {
        run("nft", "add", "rule", "inet", TABLE, "direct", "ip", "saddr", IP_A, "ip", "daddr", IP_B, "counter", "drop");
        run("nft", "add", "rule", "inet", TABLE, "direct", "ip", "saddr", IP_B, "ip", "daddr", IP_A, "counter", "drop");
    }

    /** Also drops what coturn relays (from its relay ports) to A and B: only its own answers get through. */
    void blockRelayedData() throws IOException, InterruptedException {
        run("nft", "add", "rule", "inet", TABLE, "direct", "ip", "saddr", IP_TURN, "udp", "sport", "!=",
                String.valueOf(coturn.port()), "counter", "drop");
    }

    void unblockDirect() throws IOException, InterruptedException {
        run("nft", "flush", "chain", "inet", TABLE, "direct");
    }

    /** Datagrams sent to coturn's address (its listening port or a relay port, from anyone) since the lab started. */
    long turnDatagrams() throws IOException, InterruptedException {
        return TestNetwork.packets(run("nft", "list", "counter", "inet", TABLE, "to_turn"));
    }

    String turnLog() {
        return coturn.log();
    }

    @Override
    public void close() {
        if (coturn != null) {
            coturn.close();
        }
        removeLeftovers();
        TestNetwork.deleteQuietly(directory);
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

    private void startCoturn(int port) throws IOException, InterruptedException {
        List<String> settings = new ArrayList<>(List.of(
                "no-tcp",
                "no-tls",
                "min-port=50000",
                "max-port=50999",
                // Relay only inside the test range, whatever coturn's defaults are.
                "denied-peer-ip=0.0.0.0-255.255.255.255",
                "allowed-peer-ip=198.18.0.0-198.19.255.255"));
        String staleNonce = System.getProperty("nlt.staleNonce");
        if (staleNonce != null) {
            settings.add("stale-nonce=" + staleNonce);
        }
        coturn = CoturnProcess.start(directory, null, IP_TURN, port, settings, IP_A);
    }

    private static void removeLeftovers() {
        for (String link : List.of(IF_A, IF_B, IF_TURN)) {
            runQuietly("ip", "link", "del", link);
        }
        runQuietly("nft", "delete", "table", "inet", TABLE);
    }
}
