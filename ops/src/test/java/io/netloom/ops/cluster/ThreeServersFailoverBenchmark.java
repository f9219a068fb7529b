package io.netloom.ops.cluster;

import io.netloom.server.testing.NetloomApi;
import io.netloom.server.testing.ServerCluster;
import io.netloom.server.testing.TestData;
import io.netloom.server.testing.TestPeers;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Failover with three server processes (issue 18, item 3: a killed process's devices on another within 5 s): the
 * cluster of {@code ThreeServersIT}, devices spread over it, then, round after round, the process holding the most
 * devices is killed with SIGKILL and started again. Per round it measures, from the kill, when each of its devices is
 * signed in at another process, and when the survivors record the session of a device that cannot move as ended
 * (Hazelcast's member removal, then the sweep of ADR 0058). With {@code freeze} the process is stopped with SIGSTOP
 * instead, a hung process whose sockets stay open: then the devices notice only by their gateway watchdog's silence,
 * and the survivors by Hazelcast's missing heartbeats. Not part of the suite; prints its numbers.
 *
 * <pre>java -Dnetloom.server.jar=command-api/target/netloom-server.jar -cp ... ThreeServersFailoverBenchmark \
 *     [rounds, default 5] [devices, default 30] [kill|freeze, default kill]</pre>
 */
public final class ThreeServersFailoverBenchmark {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private ThreeServersFailoverBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int kills = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int deviceCount = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        boolean freeze = args.length > 2 && args[2].equals("freeze");
        System.out.println("load before: " + Files.readString(Path.of("/proc/loadavg")).strip());
        Path work = Files.createTempDirectory("netloom-three-servers-");
        System.out.println("work (data and logs): " + work);
        Vertx vertx = Vertx.vertx();
        List<ClusterPeer> devices = new ArrayList<>();
        List<Long> moves = new ArrayList<>();
        List<Long> sweeps = new ArrayList<>();
        try (ServerCluster cluster = ServerCluster.start(work, work.resolve("logs"), 3)) {
            NetloomApi.Client admin = cluster.member(0).api();
            String setupKey = TestPeers.createReusableKey(admin, List.of());
            for (int i = 0; i < deviceCount; i++) {
                devices.add(ClusterPeer.enroll(new NetloomApi(cluster.member(i % 3).apiPort()), setupKey,
                        "device-" + i));
            }
            String all = TestData.groupNamed(admin, "All");
            TestData.createPolicy(admin, "mesh", List.of(all), List.of(all));
            devices.forEach(device -> device.start(vertx));
            for (ClusterPeer device : devices) {
                await(() -> device.map() != null && device.map().remotePeers().size() == deviceCount - 1);
            }
            for (int round = 1; round <= kills; round++) {
                ServerCluster.Member victim = cluster.members().stream()
                        .max(Comparator.comparingLong(member -> on(member, devices).size())).orElseThrow();
                List<ServerCluster.Member> survivors = cluster.members().stream()
                        .filter(member -> member != victim).toList();
                ClusterPeer stranded = ClusterPeer.enroll(new NetloomApi(victim.apiPort()), setupKey,
                        "stranded-" + round);
                stranded.startOnFirstGatewayOnly(vertx);
                await(() -> stranded.map() != null && survivors.stream()
                        .allMatch(survivor -> Boolean.TRUE.equals(survivor.connected().get(stranded.peerId()))));
                List<ClusterPeer> moving = on(victim, devices);

                long killedAt = System.nanoTime();
                if (freeze) {
                    victim.freeze();
                } else {
                    victim.kill();
                }
                // Timed beside the moves, not after them: after a freeze the survivors may notice long before the
                // devices do.
                CompletableFuture<Long> sweepTimed = CompletableFuture.supplyAsync(() -> millisUntil(killedAt,
                        () -> Boolean.FALSE.equals(survivors.get(0).connected().get(stranded.peerId()))));
                Map<String, Long> moved = ClusterPeer.millisUntilSignedInElsewhere(moving, victim.gatewayUrl(),
                        killedAt, PATIENCE);
                long sweep = sweepTimed.join();
                stranded.stop();
                if (freeze) {
                    victim.kill();
                }
                moves.addAll(moved.values());
                sweeps.add(sweep);
                System.out.printf("round %d: " + (freeze ? "froze" : "killed") + " process %d holding %d devices; moved %d, after ms: median %d,"
                        + " max %d; stranded session ended on the survivors after %d ms%n", round, victim.index(),
                        moving.size(), moved.size(), median(moved.values()), max(moved.values()), sweep);
                victim.start();
            }
        } finally {
            devices.forEach(ClusterPeer::stop);
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        System.out.printf("all %d " + (freeze ? "freezes" : "kills") + ": %d device moves, median %d ms, max %d ms; stranded session ended:"
                + " median %d ms, max %d ms%n", kills, moves.size(), median(moves), max(moves), median(sweeps),
                max(sweeps));
        System.out.println("load after: " + Files.readString(Path.of("/proc/loadavg")).strip());
    }

    private static List<ClusterPeer> on(ServerCluster.Member member, List<ClusterPeer> devices) {
        return devices.stream().filter(device -> device.status().state().equals("connected")
                && device.status().url().equals(member.gatewayUrl().toString())).toList();
    }

    /** Milliseconds from {@code sinceNanos} to the first poll (every 20 ms) at which {@code condition} held. */
    private static long millisUntil(long sinceNanos, BooleanSupplier condition) {
        try {
            await(condition);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sinceNanos);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not within " + PATIENCE);
            }
            Thread.sleep(20);
        }
    }

    private static long median(Collection<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.isEmpty() ? -1 : sorted.get(sorted.size() / 2);
    }

    private static long max(Collection<Long> values) {
        return values.stream().mapToLong(Long::longValue).max().orElse(-1);
    }
}
