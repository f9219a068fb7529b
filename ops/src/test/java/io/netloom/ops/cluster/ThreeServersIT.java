package io.netloom.ops.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.daemon.map.InboundRule;
import io.netloom.daemon.map.NetworkMap;
import io.netloom.server.testing.ConcurrentGroupWrites;
import io.netloom.server.testing.NetloomApi;
import io.netloom.server.testing.ServerCluster;
import io.netloom.server.testing.TestData;
import io.netloom.server.testing.TestPeers;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18, items 1–3 and 5, with three real server processes ({@code java -jar}) on one PostgreSQL outside them
 * ({@code ExternalPostgres}), clustered over Hazelcast, and simulated devices spread over their gateways, each holding
 * the daemon's own gateway session: a change made through any process reaches every device, wherever it is
 * connected; signals cross processes; presence is the same whichever process is asked; and when one process is
 * killed with SIGKILL during concurrent writes, its devices move to another, the survivors record the sessions that
 * did not move as ended, every acknowledged write is there and no refused one, and every survivor's read models equal
 * a replay of the store. The servers start once for the class; the tests run in order, the kill last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ThreeServersIT {

    private static final int PROCESSES = 3;
    /** Simulated devices, spread round-robin over the processes by the process each enrolls through. */
    private static final int PEERS = 30;
    /**
     * The process killed in the last test: the first, which started alone, so it formed the Hazelcast cluster and
     * took the leadership (ADR 0056).
     */
    private static final int KILLED = 0;
    private static final int WRITES = 300;
    private static final int CALLERS = 30;
    private static final int WRITES_BEFORE_KILL = 90;
    private static final String TAKEN_NAME = "taken";
    /** What any single wait here may take on a loaded two-core machine; conditions normally hold in milliseconds. */
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    /**
     * The bound asserted on a killed process's devices reaching another gateway. The target is 5 s (issue 18, item 3),
     * measured and printed here, reported in BENCHMARKS.md; the assertion only catches devices that never move, as a
     * timed assertion on this shared machine would fail for reasons that are not the server's.
     */
    private static final Duration MOVE_BOUND = Duration.ofSeconds(30);
    /** What {@code PgLeader} logs when its process becomes the cluster's leader. */
    private static final String LEADER = "This process is the cluster's leader";

    @TempDir
    static Path work;

    private static ServerCluster servers;
    private static final List<ClusterPeer> peers = new ArrayList<>();
    /** A device of the process to be killed that knows no other gateway: it cannot move, so it stays offline. */
    private static ClusterPeer stranded;
    private static Vertx devices;

    @BeforeAll
    static void startThreeServersAndSpreadPeersOverThem() throws Exception {
        long starting = System.nanoTime();
        // The logs outlive the test's directory, for whoever reads a failure.
        servers = ServerCluster.start(work, Path.of("target", "ThreeServersIT-logs"), PROCESSES);
        System.out.printf("three servers on %s answering after %.1f s%n", servers.databaseKind(),
                (System.nanoTime() - starting) / 1e9);

        NetloomApi.Client first = servers.member(0).api();
        String setupKey = TestPeers.createReusableKey(first, List.of());
        for (int i = 0; i < PEERS; i++) {
            peers.add(ClusterPeer.enroll(new NetloomApi(servers.member(i % PROCESSES).apiPort()), setupKey,
                    "device-" + i));
        }
        stranded = ClusterPeer.enroll(new NetloomApi(servers.member(KILLED).apiPort()), setupKey, "stranded");
        String all = TestData.groupNamed(first, "All");
        TestData.createPolicy(first, "mesh", List.of(all), List.of(all));

        devices = Vertx.vertx();
        peers.forEach(peer -> peer.start(devices));
        stranded.startOnFirstGatewayOnly(devices);
        for (ClusterPeer peer : everyDevice()) {
            awaitTrue(() -> peer.map() != null && peer.map().remotePeers().size() == PEERS,
                    peer.peerId() + " holds the whole mesh");
        }
    }

    @AfterAll
    static void stopEverything() throws Exception {
        everyDevice().forEach(ClusterPeer::stop);
        if (devices != null) {
            devices.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        if (servers != null) {
            servers.close();
        }
    }

    @Test
    @Order(1)
    void enrollThroughEachProcessThenDeviceOnThatProcessAndConnectedOnEvery() throws Exception {
        for (int i = 0; i < PEERS; i++) {
            ServerCluster.Member own = servers.member(i % PROCESSES);
            ClusterPeer peer = peers.get(i);
            assertThat(peer.gatewayUrls()).as("every gateway, the enrolling process's first")
                    .isEqualTo(own.gatewayUrlsOwnFirst());
            assertThat(peer.status().url()).isEqualTo(own.gatewayUrl().toString());
            assertThat(peer.status().state()).isEqualTo("connected");
        }
        for (ServerCluster.Member server : servers.members()) {
            awaitTrue(() -> server.connected().entrySet().stream()
                    .filter(peer -> !peer.getValue()).findAny().isEmpty(),
                    "every device connected, as process " + server.index() + " sees it");
        }
    }

    @Test
    @Order(2)
    void changeThroughEachProcessThenEveryDeviceOnEveryProcessHoldsIt() throws Exception {
        String all = TestData.groupNamed(servers.member(0).api(), "All");
        for (ServerCluster.Member server : servers.members()) {
            String port = Integer.toString(6000 + server.index());
            TestData.ok(server.api().post("/api/policies", TestData.policy("port " + port, true, List.of(TestData.with(
                    TestData.rule("port " + port, List.of(all), List.of(all)), "protocol", "tcp", "ports",
                    List.of(port))))));
            for (ClusterPeer peer : everyDevice()) {
                awaitTrue(() -> opens(peer.map(), port), peer.peerId() + " lets tcp/" + port + " in, a change made"
                        + " through process " + server.index());
            }
        }
    }

    @Test
    @Order(3)
    void signalBetweenDevicesOnDifferentProcessesThenOpenedByTheRecipient() throws Exception {
        for (int from = 0; from < PROCESSES; from++) {
            for (int to = 0; to < PROCESSES; to++) {
                if (from == to) {
                    continue;
                }
                ClusterPeer sender = peers.get(from);
                ClusterPeer recipient = peers.get(to);
                String payload = "{\"offer\":\"" + from + "->" + to + "\"}";
                assertThat(sender.sendOffer(recipient.peerId(), payload)).isTrue();
                awaitTrue(() -> recipient.signals().contains(new ClusterPeer.Signal(sender.peerId(), "offer",
                        payload)), "the offer from process " + from + "'s device opened on process " + to + "'s");
            }
        }
    }

    @Test
    @Order(4)
    void killOneProcessDuringWritesThenDevicesMoveAndSurvivorsHoldEveryAcknowledgedWriteAndEqualAReplay()
            throws Exception {
        ServerCluster.Member killed = servers.member(KILLED);
        List<ServerCluster.Member> survivors = servers.members().stream().filter(server -> server != killed).toList();
        String taken = TestData.ok(survivors.get(0).api().post("/api/groups", TestData.group(TAKEN_NAME, List.of())))
                .text("id");
        assertThat(servers.members().stream().filter(server -> logSays(server, LEADER))
                .map(ServerCluster.Member::index)).as("the leader before the kill").containsExactly(KILLED);
        List<ClusterPeer> moving = IntStream.range(0, PEERS).filter(i -> i % PROCESSES == KILLED)
                .mapToObj(peers::get).toList();

        ConcurrentGroupWrites writes = new ConcurrentGroupWrites(servers.members().stream()
                .map(ServerCluster.Member::apiPort).toList(), servers.adminToken(), TAKEN_NAME);
        List<Future<?>> running = writes.start("during", WRITES, CALLERS);
        awaitTrue(() -> writes.answered() >= WRITES_BEFORE_KILL, WRITES_BEFORE_KILL + " writes answered");
        long killedAt = System.nanoTime();
        killed.kill();

        Map<String, Long> movedAfterMillis = ClusterPeer.millisUntilSignedInElsewhere(moving, killed.gatewayUrl(),
                killedAt, PATIENCE);
        assertThat(movedAfterMillis.keySet()).as("devices signed in at another process within " + PATIENCE)
                .containsExactlyInAnyOrderElementsOf(moving.stream().map(ClusterPeer::peerId).toList());
        System.out.println("devices of the killed process on another after (ms): " + movedAfterMillis.values()
                .stream().sorted().toList());
        assertThat(movedAfterMillis.values()).as("see MOVE_BOUND").allMatch(millis -> millis <= MOVE_BOUND.toMillis());

        for (Future<?> write : running) {
            write.get(2, TimeUnit.MINUTES);
        }
        System.out.println("killed during " + WRITES + " concurrent writes over three processes: "
                + writes.acknowledged().size() + " acknowledged, " + writes.refused().size() + " refused, "
                + writes.unanswered().size() + " unanswered");
        for (ServerCluster.Member survivor : survivors) {
            writes.assertOutcome(WRITES, survivor.groups(), taken);
        }

        for (ServerCluster.Member survivor : survivors) {
            awaitTrue(() -> {
                Map<String, Boolean> connected = survivor.connected();
                return peers.stream().allMatch(peer -> connected.get(peer.peerId()))
                        && !connected.get(stranded.peerId());
            }, "process " + survivor.index() + " shows every moved device connected and the stranded one not");
        }

        awaitTrue(() -> survivors.stream().filter(survivor -> logSays(survivor, LEADER)).count() == 1,
                "exactly one survivor took the leadership over");

        // The maps still follow changes, made through a survivor, on every device that moved.
        String all = TestData.groupNamed(survivors.get(0).api(), "All");
        TestData.ok(survivors.get(1).api().post("/api/policies", TestData.policy("after the kill", true, List.of(
                TestData.with(TestData.rule("after", List.of(all), List.of(all)), "protocol", "tcp", "ports",
                        List.of("7000"))))));
        for (ClusterPeer peer : peers) {
            awaitTrue(() -> opens(peer.map(), "7000"), peer.peerId() + " holds the change made after the kill");
        }
        for (ServerCluster.Member survivor : survivors) {
            assertThat(survivor.readModelCheck())
                    .as("process " + survivor.index() + "'s read models against a replay").isEqualTo("EQUAL");
        }
    }

    private static boolean logSays(ServerCluster.Member server, String text) {
        try {
            return server.logSays(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean opens(NetworkMap map, String port) {
        return map != null
                && map.inboundRules().stream().map(InboundRule::ports).anyMatch(ports -> ports.contains(port));
    }

    private static List<ClusterPeer> everyDevice() {
        List<ClusterPeer> all = new ArrayList<>(peers);
        if (stranded != null) {
            all.add(stranded);
        }
        return all;
    }

    /** Polls until {@code condition} holds, at most {@link #PATIENCE} (a wait, not a timed assertion). */
    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + PATIENCE + ": " + what);
            }
            Thread.sleep(20);
        }
    }
}
