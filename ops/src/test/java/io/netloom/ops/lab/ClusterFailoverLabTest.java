package io.netloom.ops.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 18's proof in the namespace lab: two real daemons on different server processes keep their tunnel while one
 * process is killed. Two server processes on one PostgreSQL ({@link LabCluster}); A enrolled through the first and
 * signed in at its gateway, B through the second: the ICE negotiation that made their direct tunnel crossed the
 * processes over the cluster's event bus (ADR 0058). The first is killed with SIGKILL under pings both ways: A must be
 * on the second's gateway within item 3's 5 s, no ping may be lost, and the second must show both connected; a policy
 * change through the second then reaches both. {@code NETLOOM_LAB_CLUSTER_FAILOVER_RUNS=N} kills N times, each time
 * starting the killed process again ({@code NETLOOM_LAB_CLUSTER_SETTLE} seconds before the next kill) and killing the
 * one both peers are on; the times go to {@code ops/target/cluster-failover-times.txt}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFailoverLabTest {

    private static final Duration CONVERGE = Duration.ofSeconds(30);
    /** Issue 18, item 3: a killed process's peers are on another within 5 s (measured: well under a second). */
    private static final Duration RECONNECTED = Duration.ofSeconds(5);
    private static final Path TIMES = Path.of("target/cluster-failover-times.txt");
    private static final int FAILOVER_RUNS = Integer.parseInt(
            System.getenv().getOrDefault("NETLOOM_LAB_CLUSTER_FAILOVER_RUNS", "1"));
    /** How long a process started again runs before the other is killed (seconds; 0: at once, once it is ready). */
    private static final Duration SETTLE = Duration.ofSeconds(Long.parseLong(
            System.getenv().getOrDefault("NETLOOM_LAB_CLUSTER_SETTLE", "0")));

    private static final LabPeer A = new LabPeer("a");
    private static final LabPeer B = new LabPeer("b");
    private static final Map<LabPeer, String> IP = new LinkedHashMap<>();
    private static final Map<LabPeer, String> ID = new LinkedHashMap<>();
    /** The server whose gateway each peer is on. */
    private static final Map<LabPeer, LabCluster.Server> ON = new LinkedHashMap<>();

    private static String allGroup;
    private static String allPolicy;
    /** The process still running after the last kill. */
    private static LabCluster.Server survivor = LabCluster.SECOND;

    @BeforeAll
    static void buildClusterAndEnrollOnePeerThroughEachProcess() throws IOException {
        Lab.requireRunnable();
        long building = System.nanoTime();
        Lab.up();
        LabCluster.startDatabase();
        LabCluster.FIRST.start();
        LabApi api = LabCluster.FIRST.api();
        Path setupKeyFile = Lab.LAB_DIR.resolve("setup-key");
        Files.writeString(setupKeyFile, api.post("/api/setup-keys", Map.of("name", "lab", "type", "reusable",
                "expires_in", 86400, "auto_groups", List.of(), "usage_limit", 0)).get("key").asText());
        Files.setPosixFilePermissions(setupKeyFile, PosixFilePermissions.fromString("rw-------"));
        for (JsonNode group : api.get("/api/groups")) {
            if (group.get("name").asText().equals("All")) {
                allGroup = group.get("id").asText();
            }
        }
        allPolicy = allowAll(api);

        // The second process starts while A enrolls through the first: the lab's two slowest steps, overlapped.
        CompletableFuture<Void> second = CompletableFuture.runAsync(LabCluster.SECOND::start);
        Lab.check(A.up(LabCluster.FIRST.url(), setupKeyFile, LabCluster.fingerprint()));
        second.join();
        Lab.check(B.up(LabCluster.SECOND.url(), setupKeyFile, LabCluster.fingerprint()));
        for (LabPeer peer : List.of(A, B)) {
            JsonNode status = peer.status();
            IP.put(peer, status.get("overlay_ip").asText());
            ID.put(peer, status.get("peer_id").asText());
        }
        ON.put(A, LabCluster.FIRST);
        ON.put(B, LabCluster.SECOND);
        System.out.printf("lab, database, two server processes, A and B up in %d s%n",
                (System.nanoTime() - building) / 1_000_000_000);
    }

    @AfterAll
    static void tearDown() {
        if (Lab.canRun()) {
            Lab.keepLogs(ClusterFailoverLabTest.class.getSimpleName());
            long down = System.nanoTime();
            Lab.down();
            System.out.printf("lab down in %d s%n", (System.nanoTime() - down) / 1_000_000_000);
        }
    }

    @Test
    @Order(1)
    void upThroughDifferentProcessesThenEachOnItsOwnGatewayAndDirectTunnelBetweenThem() {
        // Each daemon's own account of where it is, as a person would read it.
        assertThat(Lab.check(A.cli("status", "-d")).output())
                .contains("Gateway: Connected (" + LabCluster.FIRST.gatewayUrl() + ",");
        assertThat(Lab.check(B.cli("status", "-d")).output())
                .contains("Gateway: Connected (" + LabCluster.SECOND.gatewayUrl() + ",");

        // Their offers, answers and candidates could only cross between the two processes.
        Await.until("A pings B through the tunnel", CONVERGE, () -> A.ping(IP.get(B)));
        assertThat(A.peerStatus(IP.get(B)).get("connection_type").asText()).isEqualTo("P2P");
        assertThat(B.peerStatus(IP.get(A)).get("connection_type").asText()).isEqualTo("P2P");
    }

    /**
     * Kills the process that the peers of one gateway are on, {@code FAILOVER_RUNS} times: first A's (B's stays),
     * then, after starting the killed one again, the one both are on. Each time every peer of the killed process
     * signs in at the other within {@link #RECONNECTED} (the daemon's own record of when, less the instant of the
     * signal), the others stay where they are, no ping is lost either way, and once Hazelcast has dropped the dead
     * member (and the survivor has ended its sessions, ADR 0058) the survivor shows both peers connected.
     */
    @Test
    @Order(2)
    void killWhenGatewayProcessDiesThenItsPeersOnTheOtherWithinFiveSecondsAndNoPingLost() {
        try (PingTrace aToB = PingTrace.start("a", IP.get(B)); PingTrace bToA = PingTrace.start("b", IP.get(A))) {
            Instant pinging = Instant.now();
            for (PingTrace trace : List.of(aToB, bToA)) {
                Await.until(trace + " answers", CONVERGE, () -> trace.answeredAfter(pinging));
            }
            LabCluster.Server victim = LabCluster.FIRST;
            for (int run = 1; run <= FAILOVER_RUNS; run++) {
                if (run > 1) {
                    victim = survivor;
                    victim.other().start();
                    Await.pause(SETTLE);
                }
                survivor = victim.other();
                failOver(run, victim, List.of(aToB, bToA));
            }
        }
    }

    @Test
    @Order(3)
    void policyDeletedThroughTheSurvivorThenTunnelCutForBothAndBackWhenRestored() {
        LabApi api = survivor.api();
        api.delete("/api/policies/" + allPolicy);

        long cut = Await.until("A can no longer reach B", CONVERGE, () -> !A.quickPing(IP.get(B)));
        Await.until("B is gone from A's map", CONVERGE, () -> A.peerStatus(IP.get(B)) == null);
        Await.until("A is gone from B's map", CONVERGE, () -> B.peerStatus(IP.get(A)) == null);
        System.out.println("policy deleted through " + survivor + " -> A's pings to B (200 ms timeout) unanswered after "
                + cut + " ms");

        allPolicy = allowAll(api);
        Await.until("A reaches B again", CONVERGE, () -> A.ping(IP.get(B)));
        Await.until("B reaches A again", CONVERGE, () -> B.ping(IP.get(A)));
    }

    private static void failOver(int run, LabCluster.Server victim, List<PingTrace> traces) {
        List<LabPeer> moving = ON.keySet().stream().filter(peer -> ON.get(peer).equals(victim)).toList();
        Map<LabPeer, JsonNode> staying = new LinkedHashMap<>();
        ON.keySet().stream().filter(peer -> !moving.contains(peer)).forEach(peer -> staying.put(peer, gateway(peer)));
        long logged = survivor.logLength();

        Instant killed = victim.kill();

        List<String> times = new ArrayList<>();
        Map<LabPeer, Duration> failovers = new LinkedHashMap<>();
        for (LabPeer peer : moving) {
            Await.until(peer.host + " signs in at " + survivor, CONVERGE, () -> {
                JsonNode gateway = gateway(peer);
                return gateway.get("url").asText().equals(survivor.gatewayUrl())
                        && gateway.get("state").asText().equals("connected");
            });
            Duration failover = Duration.between(killed, Instant.parse(gateway(peer).get("since").asText()));
            failovers.put(peer, failover);
            times.add(String.format("run %d: %s killed -> %s on %s after %d ms%s", run, victim, peer.host, survivor,
                    failover.toMillis(), run > 1 ? " (" + survivor + " started " + SETTLE.toSeconds() + " s before)" : ""));
            ON.put(peer, survivor);
        }
        Await.until(survivor + " drops the killed member", CONVERGE,
                () -> survivor.loggedAfter(logged, "Members {size:1,").isPresent());
        Duration dropped = Duration.between(killed, survivor.loggedAfter(logged, "Members {size:1,").orElseThrow());
        times.add(String.format("run %d: %s killed -> Hazelcast member dropped by %s after %d ms", run, victim, survivor,
                dropped.toMillis()));
        record(times);

        failovers.forEach((peer, failover) -> assertThat(failover).as(peer.host + " on " + survivor + ", run " + run)
                .isLessThanOrEqualTo(RECONNECTED));
        staying.forEach((peer, before) -> assertThat(gateway(peer)).as(peer.host + " stays where it was")
                .isEqualTo(before));
        // The sweep of the dead member's sessions runs when Hazelcast reports it gone; it must spare the moved peers.
        Await.pause(Duration.ofSeconds(1));
        LabApi api = survivor.api();
        for (LabPeer peer : ON.keySet()) {
            Await.until(survivor + " shows " + peer.host + " connected", CONVERGE, () -> connected(api, ID.get(peer)));
        }
        Instant end = Instant.now();
        for (PingTrace trace : traces) {
            assertThat(trace.loss(killed, end).requests()).as(trace + ": lost over the failover, run " + run)
                    .isZero();
        }
    }

    private static JsonNode gateway(LabPeer peer) {
        return peer.status().get("gateway");
    }

    private static boolean connected(LabApi api, String peerId) {
        for (JsonNode peer : api.get("/api/peers")) {
            if (peer.get("id").asText().equals(peerId)) {
                return peer.get("connected").asBoolean();
            }
        }
        return false;
    }

    private static String allowAll(LabApi api) {
        return api.post("/api/policies", Map.of("name", "all", "description", "", "enabled", true, "rules",
                List.of(Map.of("name", "all", "enabled", true, "action", "accept", "bidirectional", true, "protocol",
                        "all", "sources", List.of(allGroup), "destinations", List.of(allGroup))))).get("id").asText();
    }

    private static void record(List<String> times) {
        times.forEach(System.out::println);
        try {
            Files.createDirectories(TIMES.toAbsolutePath().getParent());
            Files.write(TIMES, times, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the times in " + TIMES, e);
        }
    }
}
