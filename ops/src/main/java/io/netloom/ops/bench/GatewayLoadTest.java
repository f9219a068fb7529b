package io.netloom.ops.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.netloom.gateway.client.GatewayClient;
import io.netloom.gateway.protocol.X25519Keys;
import io.netloom.tls.CertificateFingerprint;
import io.netloom.tls.ServerTrust;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Load test of the signal gateway over loopback: enrolls N simulated peers through the API (real
 * keys, real enrollment), opens a real authenticated WebSocket session for each, then makes two
 * admin changes through the API and measures, per peer, the time until the change reaches it:
 * one that touches every peer (a policy from All to a probe peer is enabled) and one that touches
 * a subset (a policy from a 1,000-peer group to a second probe peer is created).
 *
 * <pre>java io.netloom.ops.bench.GatewayLoadTest --url https://127.0.0.1:8080 --server-fingerprint "$(cat DATA/server-fingerprint)" \
 *     --token-file DATA/admin-token --peers 10000</pre>
 *
 * Sessions run over wss://, each peer trusting the gateway as its enrollment answer says (the fingerprint of
 * the server's generated certificate), as the daemon does.
 */
public final class GatewayLoadTest {

    private static final long WAIT_MINUTES = 5;
    /** Long enough for a change to reach 10,000 peers on this machine and the work it sets off to end. */
    private static final Duration CPU_WINDOW = Duration.ofSeconds(20);
    private static final Duration SETTLE = Duration.ofSeconds(60);
    /** Held for the whole run: Vert.x closes the connections of clients that are garbage-collected. */
    private static final List<GatewayClient> CLIENTS = new ArrayList<>();

    private GatewayLoadTest() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Options.parse(args);
        int peers = Integer.parseInt(options.getOrDefault("peers", "10000"));
        int subset = Integer.parseInt(options.getOrDefault("subset", "1000"));
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "5"));
        List<ApiClient> processes = ApiClient.allFromOptions(options);
        ApiClient api = processes.get(0);
        ProcessCpu cpu = ProcessCpu.of(options.getOrDefault("server-pids", ""));

        String setupKey = api.post("/api/setup-keys", Map.of("name", "gateway-load", "type", "reusable",
                "expires_in", 86400, "auto_groups", List.of(), "usage_limit", 0), true).get("key").asText();
        long started = System.nanoTime();
        List<SimulatedPeer> simulated = enrollAll(processes, setupKey, peers);
        System.out.printf("enrolled %d peers through %d server process(es) in %.1f s%n", peers, processes.size(),
                (System.nanoTime() - started) / 1e9);
        System.out.println("peers per gateway: " + simulated.stream()
                .collect(Collectors.groupingBy(peer -> peer.gateway, TreeMap::new, Collectors.counting())));
        String all = groupId(api, "All");
        // One probe per round: enabling its policy puts a new peer into every map, a change that reaches them all.
        List<Probe> probes = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            SimulatedPeer probe = enroll(api, setupKey, "probe-all-" + round);
            String group = createGroup(api, "probe-all-" + round, List.of(probe.peerId));
            String policy = api.post("/api/policies", policy("all-to-probe-" + round, false, all, group), true)
                    .get("id").asText();
            probes.add(new Probe(probe.peerId, group, policy, "all-to-probe-" + round));
        }
        SimulatedPeer probeSubset = enroll(api, setupKey, "probe-subset");
        String probeSubsetGroup = createGroup(api, "probe-subset", List.of(probeSubset.peerId));
        String subsetGroup = createGroup(api, "subset",
                simulated.subList(0, subset).stream().map(peer -> peer.peerId).toList());

        Vertx vertx = Vertx.vertx();
        try {
            long connecting = System.nanoTime();
            connectAll(vertx, simulated);
            System.out.printf("%d sessions signed in and holding their first map in %.1f s%n", simulated.size(),
                    (System.nanoTime() - connecting) / 1e9);
            awaitPresence(api, peers);

            LatencyRecorder everyRound = new LatencyRecorder();
            List<Long> changeCpu = new ArrayList<>();
            // The servers settle after thousands of sign-ins (compilation, collection); then windows without a
            // change alternate with windows that start with one. A change's CPU is its window less the mean of the
            // quiet windows on either side, which follows the background (presence, the event store's polling, GC)
            // as it drifts.
            Thread.sleep(SETTLE.toMillis());
            long[] quietFrom = cpu.measures() ? cpu.millisUsed() : null;
            Thread.sleep(CPU_WINDOW.toMillis());
            long[] quietTo = cpu.measures() ? cpu.millisUsed() : null;
            for (Probe probe : probes) {
                Delivery everyone = new Delivery(probe.peerId(), peers, everyRound);
                simulated.forEach(peer -> peer.delivery = everyone);
                long[] changeFrom = quietTo;
                everyone.start();
                api.put("/api/policies/" + probe.policyId(), policy(probe.policyName(), true, all, probe.groupId()));
                String arrivals = everyone.await();
                Thread.sleep(Math.max(0, CPU_WINDOW.toMillis() - everyone.elapsedMillis()));
                if (!cpu.measures()) {
                    System.out.println("change reaching all " + peers + " peers: " + arrivals);
                    continue;
                }
                long[] changeTo = cpu.millisUsed();
                Thread.sleep(CPU_WINDOW.toMillis());
                long[] nextQuietTo = cpu.millisUsed();
                long quietBefore = ProcessCpu.total(quietFrom, changeFrom);
                long quietAfter = ProcessCpu.total(changeTo, nextQuietTo);
                long net = ProcessCpu.total(changeFrom, changeTo) - (quietBefore + quietAfter) / 2;
                changeCpu.add(net);
                System.out.println("change reaching all " + peers + " peers: " + arrivals + "; servers "
                        + ProcessCpu.spent(changeFrom, changeTo) + " in the " + CPU_WINDOW.toSeconds()
                        + " s from it, " + quietBefore + " / " + quietAfter + " ms in those before and after: the"
                        + " change " + net + " ms CPU");
                quietFrom = changeTo;
                quietTo = nextQuietTo;
            }
            System.out.println("every round's arrivals at all " + peers + " peers: " + everyRound.summary());
            if (!changeCpu.isEmpty()) {
                List<Long> sorted = changeCpu.stream().sorted().toList();
                System.out.println("servers' CPU per change reaching all peers: median " + sorted.get(sorted.size() / 2)
                        + " ms (" + sorted + ")");
            }

            Delivery some = new Delivery(probeSubset.peerId, subset, new LatencyRecorder());
            simulated.forEach(peer -> peer.delivery = some);
            some.start();
            processes.get(processes.size() - 1).post("/api/policies",
                    policy("subset-to-probe", true, subsetGroup, probeSubsetGroup), true);
            System.out.println("change reaching " + subset + " peers (made through the last process): "
                    + some.await());
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    /** A peer that one round's policy opens to every other, and that policy. */
    private record Probe(String peerId, String groupId, String policyId, String policyName) {
    }

    /** One simulated device: its keys, its peer id, and the gateway it was told to use. */
    private static final class SimulatedPeer {
        final X25519Keys keys = X25519Keys.generate();
        String peerId;
        URI gateway;
        byte[] gatewayKey;
        ServerTrust gatewayTrust;
        volatile Delivery delivery;
    }

    /** Arrival times of one change at the peers it concerns, measured from just before the API call. */
    private static final class Delivery {
        private final String marker;
        private final CountDownLatch arrivals;
        private final LatencyRecorder latency = new LatencyRecorder();
        private final LatencyRecorder alsoInto;
        private volatile long startedNanos;

        Delivery(String peerId, int expected, LatencyRecorder alsoInto) {
            this.marker = "\"" + peerId + "\"";
            this.arrivals = new CountDownLatch(expected);
            this.alsoInto = alsoInto;
        }

        void start() {
            startedNanos = System.nanoTime();
        }

        long elapsedMillis() {
            return (System.nanoTime() - startedNanos) / 1_000_000;
        }

        /** Called for every message; counts each peer's first message that carries the marker. */
        boolean offer(String message) {
            if (startedNanos != 0 && message.contains(marker)) {
                long nanos = System.nanoTime() - startedNanos;
                latency.record(nanos);
                alsoInto.record(nanos);
                arrivals.countDown();
                return true;
            }
            return false;
        }

        String await() throws InterruptedException {
            boolean complete = arrivals.await(WAIT_MINUTES, TimeUnit.MINUTES);
            return latency.summary() + (complete ? "" : " INCOMPLETE: " + arrivals.getCount() + " peers never got it");
        }
    }

    /**
     * Enrolls through the server processes in turn: each names its own gateway first, so the peers end up spread
     * over the processes' gateways evenly.
     */
    private static List<SimulatedPeer> enrollAll(List<ApiClient> processes, String setupKey, int count)
            throws Exception {
        ExecutorService workers = Executors.newFixedThreadPool(16);
        List<java.util.concurrent.Future<SimulatedPeer>> pending = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String hostname = "sim-" + i;
            ApiClient api = processes.get(i % processes.size());
            pending.add(workers.submit(() -> enroll(api, setupKey, hostname)));
        }
        List<SimulatedPeer> peers = new ArrayList<>();
        for (java.util.concurrent.Future<SimulatedPeer> future : pending) {
            peers.add(future.get());
        }
        workers.shutdown();
        return peers;
    }

    private static SimulatedPeer enroll(ApiClient api, String setupKey, String hostname) throws Exception {
        SimulatedPeer peer = new SimulatedPeer();
        JsonNode configuration = api.post("/api/netloom/enroll", Map.of("setup_key", setupKey,
                "wireguard_public_key", peer.keys.publicKeyBase64(), "hostname", hostname, "os", "linux",
                "kernel_version", "6.1", "daemon_version", "load-test"), false);
        peer.peerId = configuration.get("peer_id").asText();
        peer.gateway = URI.create(configuration.get("gateway").get("url").asText());
        peer.gatewayKey = Base64.getDecoder().decode(configuration.get("gateway").get("public_key").asText());
        peer.gatewayTrust = ServerTrust.of(Optional.ofNullable(configuration.get("gateway").get("certificate_fingerprint"))
                .filter(JsonNode::isTextual).map(fingerprint -> CertificateFingerprint.parse(fingerprint.asText())));
        return peer;
    }

    /**
     * Opens every session (TLS handshake, upgrade, challenge, sign-in, welcome), a few dozen at a time so that no
     * TLS handshake waits past the gateway's 10 s handshake limit on two busy cores, and waits for each first map.
     * One client carries them all: every gateway has the same certificate.
     */
    private static void connectAll(Vertx vertx, List<SimulatedPeer> peers) throws InterruptedException {
        GatewayClient client = new GatewayClient(vertx, peers.size() + 16, peers.get(0).gatewayTrust);
        CLIENTS.add(client);
        Semaphore inFlight = new Semaphore(32);
        CountDownLatch firstMaps = new CountDownLatch(peers.size());
        AtomicInteger failures = new AtomicInteger();
        for (SimulatedPeer peer : peers) {
            inFlight.acquire();
            client.connect(peer.gateway, peer.keys, peer.gatewayKey, -1, "load-test", socket -> listen(socket, peer, firstMaps))
                    .onComplete(result -> {
                        inFlight.release();
                        if (result.failed() && failures.incrementAndGet() <= 5) {
                            System.err.println("connection failed: " + result.cause()
                                    + (result.cause().getCause() == null ? "" : " (" + result.cause().getCause() + ")"));
                        }
                    });
        }
        if (!firstMaps.await(WAIT_MINUTES, TimeUnit.MINUTES) || failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " sessions failed; " + firstMaps.getCount()
                    + " never received their map");
        }
    }

    /** Counts the first map, then each change once per peer, when the message carrying it arrives. */
    private static void listen(WebSocket socket, SimulatedPeer peer, CountDownLatch firstMaps) {
        boolean[] mapSeen = new boolean[1];
        Delivery[] lastCounted = new Delivery[1];
        socket.textMessageHandler(text -> {
            if (!mapSeen[0] && text.startsWith("{\"type\":\"map\"")) {
                mapSeen[0] = true;
                firstMaps.countDown();
                return;
            }
            Delivery delivery = peer.delivery;
            if (delivery != null && delivery != lastCounted[0] && delivery.offer(text)) {
                lastCounted[0] = delivery;
            }
        });
    }

    /** Waits until the server has recorded every session as connected, so that work is not measured twice. */
    private static void awaitPresence(ApiClient api, int peers) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(WAIT_MINUTES);
        while (System.nanoTime() < deadline) {
            String list = api.getRaw("/api/peers");
            int connected = list.split("\"connected\":true", -1).length - 1;
            if (connected >= peers) {
                return;
            }
            Thread.sleep(1_000);
        }
        throw new IllegalStateException("sessions were not all recorded as connected");
    }

    private static String groupId(ApiClient api, String name) throws Exception {
        for (JsonNode group : api.parse(api.getRaw("/api/groups"))) {
            if (group.get("name").asText().equals(name)) {
                return group.get("id").asText();
            }
        }
        throw new IllegalStateException("no group " + name);
    }

    private static String createGroup(ApiClient api, String name, List<String> members) throws Exception {
        return api.post("/api/groups", Map.of("name", name, "peers", members), true).get("id").asText();
    }

    private static Map<String, Object> policy(String name, boolean enabled, String source, String destination) {
        return Map.of("name", name, "enabled", enabled, "rules", List.of(Map.of("name", name, "enabled", true,
                "action", "accept", "bidirectional", true, "protocol", "all", "sources", List.of(source),
                "destinations", List.of(destination))));
    }
}
