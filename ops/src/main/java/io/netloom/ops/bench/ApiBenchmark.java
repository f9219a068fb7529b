package io.netloom.ops.bench;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Load test of the admin API against a running server (loopback only): enrolls N devices through
 * {@code POST /api/netloom/enroll} with C concurrent clients, then times {@code GET /api/peers}.
 *
 * <pre>
 * java io.netloom.ops.bench.ApiBenchmark --url https://127.0.0.1:8080 --server-fingerprint "$(cat netloom-data/server-fingerprint)" \
 *     --token-file netloom-data/admin-token --peers 5000 --concurrency 16 --list-iterations 50
 * </pre>
 */
public final class ApiBenchmark {

    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Options.parse(args);
        int peers = Integer.parseInt(options.getOrDefault("peers", "5000"));
        int concurrency = Integer.parseInt(options.getOrDefault("concurrency", "16"));
        int listIterations = Integer.parseInt(options.getOrDefault("list-iterations", "50"));
        ApiClient api = ApiClient.fromOptions(options);

        String setupKey = api.post("/api/setup-keys", Map.of("name", "benchmark", "type", "reusable",
                "expires_in", 86400, "auto_groups", List.of(), "usage_limit", 0), true).get("key").asText();

        LatencyRecorder enrollLatency = new LatencyRecorder();
        AtomicInteger failures = new AtomicInteger();
        long started = System.nanoTime();
        ExecutorService clients = Executors.newFixedThreadPool(concurrency);
        List<Future<?>> work = new ArrayList<>();
        for (int i = 0; i < peers; i++) {
            String hostname = "bench-" + i;
            work.add(clients.submit(() -> {
                long begin = System.nanoTime();
                try {
                    api.post("/api/netloom/enroll", Map.of("setup_key", setupKey,
                            "wireguard_public_key", newPublicKey(), "hostname", hostname, "os", "linux",
                            "kernel_version", "6.1", "daemon_version", "bench"), false);
                    enrollLatency.record(System.nanoTime() - begin);
                } catch (Exception e) {
                    if (failures.incrementAndGet() <= 5) {
                        System.err.println("enrollment failed: " + e.getMessage());
                    }
                }
            }));
        }
        for (Future<?> future : work) {
            future.get();
        }
        clients.shutdown();
        double seconds = (System.nanoTime() - started) / 1e9;

        String body = "";
        for (int i = 0; i < 10; i++) {
            body = api.getRaw("/api/peers");
        }
        LatencyRecorder listLatency = new LatencyRecorder();
        for (int i = 0; i < listIterations; i++) {
            long begin = System.nanoTime();
            body = api.getRaw("/api/peers");
            listLatency.record(System.nanoTime() - begin);
        }
        int listed = api.parse(body).size();

        System.out.printf("enrollments: %d ok, %d failed, %.1f s, %.0f enrollments/s (concurrency %d)%n",
                enrollLatency.count(), failures.get(), seconds, enrollLatency.count() / seconds, concurrency);
        System.out.println("enrollment latency: " + enrollLatency.summary());
        System.out.printf("GET /api/peers with %d peers (%d KiB): %s%n", listed, body.length() / 1024,
                listLatency.summary());
        if (failures.get() > 0) {
            System.exit(1);
        }
    }

    private static String newPublicKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
