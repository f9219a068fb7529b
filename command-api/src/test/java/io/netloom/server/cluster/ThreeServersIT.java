package io.netloom.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.daemon.map.InboundRule;
import io.netloom.daemon.map.NetworkMap;
import io.netloom.server.database.ExternalPostgres;
import io.netloom.server.testing.ClusterPeer;
import io.netloom.server.testing.Concurrently;
import io.netloom.server.testing.ConcurrentGroupWrites;
import io.netloom.server.testing.JarServers;
import io.netloom.server.testing.NetloomApi;
import io.netloom.server.testing.TestData;
import io.netloom.server.testing.TestPeers;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
import tools.jackson.databind.JsonNode;

/**
 * Issue 18, items 1–3 and 5, with three real server processes ({@code java -jar}) on one PostgreSQL outside them
 * ({@link ExternalPostgres}), clustered over Hazelcast, and simulated devices spread over their gateways, each holding
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
    /** The process killed in the last test: the first, which formed the Hazelcast cluster and is PostgreSQL's leader. */
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

    @TempDir
    static Path work;

    private static ExternalPostgres database;
    private static JarServers jars;
    private static final List<Server> servers = new ArrayList<>();
    private static final List<ClusterPeer> peers = new ArrayList<>();
    /** A device of the process to be killed that knows no other gateway: it cannot move, so it stays offline. */
    private static ClusterPeer stranded;
    private static Vertx devices;
    private static String token;

    /** One server process: where it keeps its data, its ports, and the process once started. */
    private record Server(int index, Path dataDir, JarServers.Ports ports, int gatewayPort, int hazelcastPort,
            Process[] process) {

        URI gatewayUrl() {
            return URI.create("ws://127.0.0.1:" + gatewayPort + "/v2/peer");
        }

        NetloomApi.Client api() {
            return new NetloomApi(ports.api()).as(token);
        }
    }

    @BeforeAll
    static void startThreeServersAndSpreadPeersOverThem() throws Exception {
        database = ExternalPostgres.start(work.resolve("database"));
        System.out.println("database: " + database.kind());
        jars = new JarServers(work);
        for (int i = 0; i < PROCESSES; i++) {
            servers.add(new Server(i, work.resolve("server-" + i), JarServers.Ports.free(), JarServers.freePort(),
                    JarServers.freePort(), new Process[1]));
        }
        String cluster = "three-servers-" + UUID.randomUUID();
        // The first creates the schema and the first account; the other two then start together.
        long starting = System.nanoTime();
        start(servers.get(0), cluster);
        Concurrently.run(PROCESSES - 1, i -> start(servers.get(i + 1), cluster));
        System.out.printf("three servers answering after %.1f s%n", (System.nanoTime() - starting) / 1e9);
        token = Files.readString(servers.get(0).dataDir().resolve("admin-token")).strip();

        NetloomApi.Client first = servers.get(0).api();
        String setupKey = TestPeers.createReusableKey(first, List.of());
        for (int i = 0; i < PEERS; i++) {
            peers.add(ClusterPeer.enroll(new NetloomApi(servers.get(i % PROCESSES).ports().api()), setupKey,
                    "device-" + i));
        }
        stranded = ClusterPeer.enroll(new NetloomApi(servers.get(KILLED).ports().api()), setupKey, "stranded");
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
        if (jars != null) {
            jars.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    @Order(1)
    void enrollThroughEachProcessThenDeviceOnThatProcessAndConnectedOnEvery() throws Exception {
        for (int i = 0; i < PEERS; i++) {
            Server own = servers.get(i % PROCESSES);
            ClusterPeer peer = peers.get(i);
            assertThat(peer.gatewayUrls()).as("every gateway, the enrolling process's first")
                    .hasSize(PROCESSES).first().isEqualTo(own.gatewayUrl());
            assertThat(peer.status().url()).isEqualTo(own.gatewayUrl().toString());
            assertThat(peer.status().state()).isEqualTo("connected");
        }
        for (Server server : servers) {
            awaitTrue(() -> connected(server).entrySet().stream()
                    .filter(peer -> !peer.getValue()).findAny().isEmpty(),
                    "every device connected, as process " + server.index() + " sees it");
        }
    }

    @Test
    @Order(2)
    void changeThroughEachProcessThenEveryDeviceOnEveryProcessHoldsIt() throws Exception {
        String all = TestData.groupNamed(servers.get(0).api(), "All");
        for (Server server : servers) {
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
        Server killed = servers.get(KILLED);
        List<Server> survivors = servers.stream().filter(server -> server != killed).toList();
        String taken = TestData.ok(survivors.get(0).api().post("/api/groups", TestData.group(TAKEN_NAME, List.of())))
                .text("id");
        List<ClusterPeer> moving = IntStream.range(0, PEERS).filter(i -> i % PROCESSES == KILLED)
                .mapToObj(peers::get).toList();

        ConcurrentGroupWrites writes = new ConcurrentGroupWrites(servers.stream().map(server -> server.ports().api())
                .toList(), token, TAKEN_NAME);
        List<Future<?>> running = writes.start("during", WRITES, CALLERS);
        awaitTrue(() -> writes.answered() >= WRITES_BEFORE_KILL, WRITES_BEFORE_KILL + " writes answered");
        long killedAt = System.nanoTime();
        killed.process()[0].destroyForcibly();
        assertThat(killed.process()[0].waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(killed.process()[0].exitValue()).as("128 + SIGKILL: destroyForcibly is kill -9").isEqualTo(137);

        Map<String, Long> movedAfterMillis = awaitMoved(moving, killed, killedAt);
        System.out.println("devices of the killed process on another after (ms): " + movedAfterMillis.values()
                .stream().sorted().toList());
        assertThat(movedAfterMillis.values()).as("see MOVE_BOUND").allMatch(millis -> millis <= MOVE_BOUND.toMillis());

        for (Future<?> write : running) {
            write.get(2, TimeUnit.MINUTES);
        }
        System.out.println("killed during " + WRITES + " concurrent writes over three processes: "
                + writes.acknowledged().size() + " acknowledged, " + writes.refused().size() + " refused, "
                + writes.unanswered().size() + " unanswered");
        for (Server survivor : survivors) {
            writes.assertOutcome(WRITES, groups(survivor), taken);
        }

        for (Server survivor : survivors) {
            awaitTrue(() -> {
                Map<String, Boolean> connected = connected(survivor);
                return peers.stream().allMatch(peer -> connected.get(peer.peerId()))
                        && !connected.get(stranded.peerId());
            }, "process " + survivor.index() + " shows every moved device connected and the stranded one not");
        }

        // The maps still follow changes, made through a survivor, on every device that moved.
        String all = TestData.groupNamed(survivors.get(0).api(), "All");
        TestData.ok(survivors.get(1).api().post("/api/policies", TestData.policy("after the kill", true, List.of(
                TestData.with(TestData.rule("after", List.of(all), List.of(all)), "protocol", "tcp", "ports",
                        List.of("7000"))))));
        for (ClusterPeer peer : peers) {
            awaitTrue(() -> opens(peer.map(), "7000"), peer.peerId() + " holds the change made after the kill");
        }
        for (Server survivor : survivors) {
            assertThat(jars.readModelCheck(survivor.ports().management(), work.resolve("keys/operator-token")))
                    .as("process " + survivor.index() + "'s read models against a replay").isEqualTo("EQUAL");
        }
    }

    private static Process start(Server server, String cluster) {
        List<String> arguments = new ArrayList<>(List.of("--netloom.data-dir=" + server.dataDir(),
                "--netloom.keys-dir=" + work.resolve("keys"), "--netloom.gateway.port=" + server.gatewayPort(),
                "--netloom.gateway.urls=" + String.join(",", gatewayUrlsOwnFirst(server)),
                "--netloom.cluster.name=" + cluster, "--netloom.cluster.host=127.0.0.1",
                "--netloom.cluster.port=" + server.hazelcastPort(),
                "--netloom.cluster.members=" + String.join(",", servers.stream()
                        .map(member -> "127.0.0.1:" + member.hazelcastPort()).toList())));
        arguments.addAll(database.serverArguments());
        try {
            server.process()[0] = jars.start("server-" + server.index() + ".log", server.ports(), arguments);
            return server.process()[0];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** What each device enrolled through {@code server} is told: every gateway, that process's own first. */
    private static List<String> gatewayUrlsOwnFirst(Server server) {
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < PROCESSES; i++) {
            urls.add(servers.get((server.index() + i) % PROCESSES).gatewayUrl().toString());
        }
        return urls;
    }

    /**
     * Polls the devices of the killed process until each is signed in elsewhere; the milliseconds from the kill to
     * the first poll that saw it there, by peer. Not an assertion of time: a measurement (every 10 ms).
     */
    private static Map<String, Long> awaitMoved(List<ClusterPeer> moving, Server killed, long killedAt)
            throws InterruptedException {
        Map<String, Long> moved = new LinkedHashMap<>();
        long deadline = killedAt + PATIENCE.toNanos();
        while (moved.size() < moving.size() && System.nanoTime() < deadline) {
            for (ClusterPeer peer : moving) {
                if (!moved.containsKey(peer.peerId()) && peer.status().state().equals("connected")
                        && !peer.status().url().equals(killed.gatewayUrl().toString())) {
                    moved.put(peer.peerId(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt));
                }
            }
            Thread.sleep(10);
        }
        assertThat(moved.keySet()).as("devices signed in at another process within " + PATIENCE)
                .containsExactlyInAnyOrderElementsOf(moving.stream().map(ClusterPeer::peerId).toList());
        return moved;
    }

    private static boolean opens(NetworkMap map, String port) {
        return map != null && map.inboundRules().stream().map(InboundRule::ports).anyMatch(ports -> ports.contains(port));
    }

    private static List<ClusterPeer> everyDevice() {
        List<ClusterPeer> all = new ArrayList<>(peers);
        if (stranded != null) {
            all.add(stranded);
        }
        return all;
    }

    /** Peer id to "connected", as {@code server}'s API lists them. */
    private static Map<String, Boolean> connected(Server server) {
        Map<String, Boolean> connected = new HashMap<>();
        for (JsonNode peer : TestData.ok(server.api().get("/api/peers")).body()) {
            connected.put(peer.get("id").asString(), peer.get("connected").asBoolean());
        }
        return connected;
    }

    /** Group id to name, as {@code server}'s API lists them. */
    private static Map<String, String> groups(Server server) {
        Map<String, String> groups = new LinkedHashMap<>();
        for (JsonNode group : TestData.ok(server.api().get("/api/groups")).body()) {
            groups.put(group.get("id").asString(), group.get("name").asString());
        }
        return groups;
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
