package io.netloom.ops.bench.signin;

import io.netloom.ops.bench.LatencyRecorder;
import io.netloom.ops.bench.Options;
import io.netloom.tls.CertificateFingerprint;
import io.netloom.tls.ServerTrust;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sign-in throughput of a running server (loopback only, its certificate pinned):
 * <ol>
 * <li>{@code flows}: whole device flows (RFC 8628) — device authorization, the person's confirmation on
 * the code page, the token exchange — with C devices at once;</li>
 * <li>{@code exchanges}: the token endpoint alone, exchanging device codes the people confirmed
 * beforehand (in batches under 100 pending sign-ins, so that servers before ADR 0024 can be measured too);</li>
 * <li>{@code api}: {@code GET /api/peers} and {@code GET /api/users/current} with the admin's personal
 * access token ({@code Token}), a JWT the admin traded it for (client credentials) and a person's JWT
 * from the device flow ({@code Bearer}), side by side at the same concurrency;</li>
 * <li>{@code growth}: the token exchange again after many more sign-ins;</li>
 * <li>{@code pending}: whether a code is still known once {@code --pending} sign-ins wait at the same time.</li>
 * </ol>
 * The people (role admin, so that they list the same peers as the admin) sign in on the login page
 * before any timing: what is timed is the server's work for each device, not password hashing.
 *
 * <pre>
 * java io.netloom.ops.bench.signin.SignInBenchmark --url https://127.0.0.1:18480 --server-fingerprint "$(cat data/server-fingerprint)" \
 *     --token-file data/admin-token --concurrency 1,8,32 --flows 300 --runs 3 --api-seconds 10 --api-concurrency 8
 * </pre>
 */
public final class SignInBenchmark {

    private static final String PASSWORD = "a long enough benchmark passphrase";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Under the 100 pending authorizations the store before ADR 0024 kept: old builds stay comparable. */
    private static final int MAX_EXCHANGE_BATCH = 90;
    private static final int WARM_UP_CLIENTS = 8;

    private final SignInHttp http;
    private final DeviceClient device;
    private final Map<String, String> admin;
    private final List<PersonBrowser> browsers = new ArrayList<>();
    private final RunSummary summary = new RunSummary();
    private final AtomicLong tokensIssued = new AtomicLong();
    private final Failures failures = new Failures();
    private String adminTokenId;
    private String adminTokenSecret;

    private SignInBenchmark(SignInHttp http, String personalAccessToken) {
        this.http = http;
        this.device = new DeviceClient(http);
        this.admin = Map.of("Authorization", "Token " + personalAccessToken);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Options.parse(args);
        List<Integer> concurrencies = concurrencies(options.getOrDefault("concurrency", "1,8,32"));
        int flows = Integer.parseInt(options.getOrDefault("flows", "300"));
        int runs = Integer.parseInt(options.getOrDefault("runs", "3"));
        int apiSeconds = Integer.parseInt(options.getOrDefault("api-seconds", "10"));
        int apiConcurrency = Integer.parseInt(options.getOrDefault("api-concurrency", "8"));
        int peers = Integer.parseInt(options.getOrDefault("peers", "100"));
        int growth = Integer.parseInt(options.getOrDefault("growth", "0"));
        Set<String> phases = Set.copyOf(Arrays.asList(options.getOrDefault("phases", "flows,exchanges,api,growth").split(",")));
        ServerTrust trust = ServerTrust.of(Optional.ofNullable(options.get("server-fingerprint")).map(CertificateFingerprint::parse));
        String token = Files.readString(Path.of(options.getOrDefault("token-file", "netloom-data/admin-token"))).trim();

        SignInBenchmark benchmark = new SignInBenchmark(new SignInHttp(options.getOrDefault("url", "https://127.0.0.1:8080"), trust), token);
        // At least the warm-up's 8 clients, each with a person of its own.
        int people = Math.max(WARM_UP_CLIENTS, Math.max(apiConcurrency, concurrencies.stream().mapToInt(Integer::intValue).max().orElse(1)));
        benchmark.prepare(people, peers, !phases.equals(Set.of("pending")));
        if (phases.contains("flows")) {
            benchmark.flows(concurrencies, flows, runs);
        }
        if (phases.contains("exchanges")) {
            benchmark.exchanges(concurrencies, flows, runs);
        }
        if (phases.contains("api")) {
            benchmark.api(apiConcurrency, apiSeconds, runs);
        }
        if (phases.contains("growth") && growth > 0) {
            benchmark.growth(flows, growth);
        }
        if (phases.contains("pending")) {
            benchmark.pending(Integer.parseInt(options.getOrDefault("pending", "101")));
        }
        System.out.println();
        System.out.println("medians over the runs:");
        System.out.print(benchmark.summary.table());
    }

    // ---- preparation (not timed)

    private void prepare(int people, int peers, boolean warmUp) throws Exception {
        String owner = http.get("/api/users/current", admin).field("id");
        String setupKey = http.sendJson("POST", "/api/setup-keys", Map.of("name", "signin-bench", "type", "reusable",
                "expires_in", 86400, "auto_groups", List.of(), "usage_limit", 0), admin).field("key");
        parallel(8, peers, (worker, index) -> require(http.sendJson("POST", "/api/netloom/enroll", Map.of(
                "setup_key", setupKey, "wireguard_public_key", newPublicKey(), "hostname", "signin-bench-" + index,
                "os", "linux", "kernel_version", "6.1", "daemon_version", "bench"), Map.of()), "enrollment"));
        long started = System.nanoTime();
        String run = Long.toString(System.currentTimeMillis(), 36);
        for (int i = 0; i < people; i++) {
            String email = "bench-" + run + "-" + i + "@example.org";
            String id = require(http.sendJson("POST", "/api/users", Map.of("email", email, "name", email, "role", "admin",
                    "auto_groups", List.of(), "is_service_user", false), admin), "creating a person").field("id");
            require(http.sendJson("PUT", "/api/netloom/users/" + id + "/password",
                    Map.of("password", PASSWORD, "change_required", false), admin), "setting a password");
            browsers.add(PersonBrowser.signIn(http, email, PASSWORD));
        }
        SignInHttp.Answer generated = require(http.sendJson("POST", "/api/users/" + owner + "/tokens",
                Map.of("name", "signin-bench", "expires_in", 1), admin), "creating a token");
        adminTokenSecret = generated.field("plain_token");
        adminTokenId = generated.json().path("personal_access_token").path("id").asText();
        System.out.printf(Locale.ROOT, "prepared: %d peers enrolled, %d people signed in on the login page (%.1f s), load %s%n",
                peers, people, (System.nanoTime() - started) / 1e9, loadAverages());
        if (!warmUp) {
            return;
        }
        // Warm-up of every path measured below, so that the first case does not pay for the server's JIT.
        failures.reset();
        parallel(WARM_UP_CLIENTS, 200, (worker, index) -> flow(worker, null));
        System.out.println("warm-up: 200 device flows, " + WARM_UP_CLIENTS + " at once, " + failures);
    }

    // ---- whole device flows

    private void flows(List<Integer> concurrencies, int flows, int runs) throws Exception {
        for (int concurrency : concurrencies) {
            for (int run = 1; run <= runs; run++) {
                FlowTimes times = new FlowTimes();
                failures.reset();
                double loadBefore = load1();
                long wall = parallel(concurrency, flows, (worker, index) -> flow(worker, times));
                double loadAfter = load1();
                double perSecond = times.whole.count() / (wall / 1e9);
                String label = "whole device flows, " + concurrency + " at once";
                summary.add(label, new RunSummary.Run(perSecond, times.whole.percentileMillis(50),
                        times.whole.percentileMillis(99), loadBefore, loadAfter));
                System.out.printf(Locale.ROOT, "%s, run %d: %.1f flows/s (%d signed in, %s, in %.1f s), %d tokens issued so far, load %.2f -> %.2f%n"
                                + "  whole flow %s%n  device authorization %s%n  confirmation %s%n  token exchange %s%n",
                        label, run, perSecond, times.whole.count(), failures, wall / 1e9, tokensIssued.get(), loadBefore, loadAfter,
                        times.whole.summary(), times.authorization.summary(), times.approval.summary(), times.exchange.summary());
                summary.add("  device authorization (in whole flows, " + concurrency + " at once)", latencyOnly(times.authorization, perSecond, loadBefore, loadAfter));
                summary.add("  confirmation (in whole flows, " + concurrency + " at once)", latencyOnly(times.approval, perSecond, loadBefore, loadAfter));
                summary.add("  token exchange (in whole flows, " + concurrency + " at once)", latencyOnly(times.exchange, perSecond, loadBefore, loadAfter));
            }
        }
    }

    private static RunSummary.Run latencyOnly(LatencyRecorder latency, double perSecond, double loadBefore, double loadAfter) {
        return new RunSummary.Run(perSecond, latency.percentileMillis(50), latency.percentileMillis(99), loadBefore, loadAfter);
    }

    /** Latencies of each step of a device flow and of the whole. */
    private static final class FlowTimes {
        final LatencyRecorder authorization = new LatencyRecorder();
        final LatencyRecorder approval = new LatencyRecorder();
        final LatencyRecorder exchange = new LatencyRecorder();
        final LatencyRecorder whole = new LatencyRecorder();
    }

    /**
     * One device signed in by the person of this worker's browser ({@code times} null for warm-up); null if the
     * server refused a step, which {@code failures} counts by what it answered.
     */
    private String flow(int worker, FlowTimes times) throws InterruptedException {
        long start = System.nanoTime();
        DeviceClient.DeviceCode code;
        long authorized;
        long approved;
        DeviceClient.Token token;
        try {
            code = device.authorize();
            authorized = System.nanoTime();
            browsers.get(worker).approve(code.userCode());
            approved = System.nanoTime();
            token = device.exchange(code);
        } catch (IllegalStateException | java.io.UncheckedIOException refused) {
            failures.count(refused);
            return null;
        }
        long exchanged = System.nanoTime();
        tokensIssued.incrementAndGet();
        if (token.pendingPolls() > 0) {
            throw new IllegalStateException("a device confirmed before its first poll was told authorization_pending");
        }
        if (times != null) {
            times.authorization.record(authorized - start);
            times.approval.record(approved - authorized);
            times.exchange.record(exchanged - approved);
            times.whole.record(exchanged - start);
        }
        return token.accessToken();
    }

    // ---- the token endpoint alone

    private void exchanges(List<Integer> concurrencies, int exchanges, int runs) throws Exception {
        for (int concurrency : concurrencies) {
            for (int run = 1; run <= runs; run++) {
                measureExchanges("token exchanges alone, " + concurrency + " at once", concurrency, exchanges, run);
            }
        }
    }

    private void measureExchanges(String label, int concurrency, int exchanges, int run) throws Exception {
        Failures exchangeFailures = new Failures();
        LatencyRecorder latency = new LatencyRecorder();
        long wall = 0;
        failures.reset();
        double loadBefore = load1();
        for (int done = 0; done < exchanges; done += MAX_EXCHANGE_BATCH) {
            int batch = Math.min(MAX_EXCHANGE_BATCH, exchanges - done);
            DeviceClient.DeviceCode[] codes = new DeviceClient.DeviceCode[batch];
            parallel(browsers.size(), batch, (worker, index) -> {
                try {
                    DeviceClient.DeviceCode code = device.authorize();
                    browsers.get(worker).approve(code.userCode());
                    codes[index] = code;
                } catch (IllegalStateException | java.io.UncheckedIOException refused) {
                    failures.count(refused);
                }
                return null;
            });
            wall += parallel(concurrency, batch, (worker, index) -> {
                if (codes[index] == null) {
                    return null;
                }
                long begin = System.nanoTime();
                try {
                    DeviceClient.Token token = device.exchange(codes[index]);
                    latency.record(System.nanoTime() - begin);
                    tokensIssued.incrementAndGet();
                    return token;
                } catch (IllegalStateException | java.io.UncheckedIOException refused) {
                    exchangeFailures.count(refused);
                    return null;
                }
            });
        }
        double loadAfter = load1();
        double perSecond = latency.count() / (wall / 1e9);
        summary.add(label, new RunSummary.Run(perSecond, latency.percentileMillis(50), latency.percentileMillis(99),
                loadBefore, loadAfter));
        System.out.printf(Locale.ROOT, "%s, run %d: %.1f exchanges/s (%d in %.1f s of exchanging; exchanges %s; preparing %s), %s, %d tokens issued so far, load %.2f -> %.2f%n",
                label, run, perSecond, latency.count(), wall / 1e9, exchangeFailures, failures, latency.summary(),
                tokensIssued.get(), loadBefore, loadAfter);
    }

    // ---- API calls with each credential

    private void api(int concurrency, int seconds, int runs) throws Exception {
        List<String> paths = List.of("/api/peers", "/api/users/current");
        for (int run = 0; run <= runs; run++) {
            // Fresh JWTs every round: the admin's live 5 minutes, a person's 10.
            Map<String, String> credentials = new LinkedHashMap<>();
            credentials.put("admin, personal access token (Token)", admin.get("Authorization"));
            credentials.put("admin, JWT from client credentials (Bearer)", "Bearer " + clientCredentialsToken());
            credentials.put("person, JWT from the device flow (Bearer)", "Bearer " + personToken());
            for (Map.Entry<String, String> credential : credentials.entrySet()) {
                require(http.get("/api/users/current", Map.of("Authorization", credential.getValue())), credential.getKey());
            }
            List<Map.Entry<String, String>> order = new ArrayList<>(credentials.entrySet());
            // Each round starts with another credential, so that a drift of the machine's load favours none.
            java.util.Collections.rotate(order, run);
            for (String path : paths) {
                for (Map.Entry<String, String> credential : order) {
                    // Round 0 warms the server's JIT up on every path as long as a measured round: the first
                    // measured rounds of a shorter warm-up ran at a fraction of the later ones' rate.
                    apiRun(path + ", " + credential.getKey(), path, credential.getValue(), concurrency, seconds, run);
                }
            }
        }
    }

    private void apiRun(String label, String path, String authorization, int concurrency, int seconds, int run)
            throws Exception {
        LatencyRecorder latency = new LatencyRecorder();
        AtomicInteger failures = new AtomicInteger();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        double loadBefore = load1();
        long wall = parallel(concurrency, concurrency, (worker, index) -> {
            while (System.nanoTime() < deadline) {
                long begin = System.nanoTime();
                int status = http.getStatus(path, authorization);
                latency.record(System.nanoTime() - begin);
                if (status != 200) {
                    failures.incrementAndGet();
                }
            }
            return null;
        });
        double loadAfter = load1();
        if (failures.get() > 0) {
            throw new IllegalStateException(label + ": " + failures.get() + " answers other than 200");
        }
        double perSecond = latency.count() / (wall / 1e9);
        if (run == 0) {
            System.out.printf(Locale.ROOT, "warm-up %s: %.0f/s%n", label, perSecond);
            return;
        }
        String caseLabel = label + ", " + concurrency + " at once";
        summary.add(caseLabel, new RunSummary.Run(perSecond, latency.percentileMillis(50), latency.percentileMillis(99),
                loadBefore, loadAfter));
        System.out.printf(Locale.ROOT, "%s, run %d: %.1f calls/s, %s, load %.2f -> %.2f%n", caseLabel, run, perSecond,
                latency.summary(), loadBefore, loadAfter);
    }

    /** A person's access token; a sign-in the server failed (see the failures of the flows) is simply tried again. */
    private String personToken() throws InterruptedException {
        for (int attempt = 0; attempt < 10; attempt++) {
            String token = flow(0, null);
            if (token != null) {
                return token;
            }
        }
        throw new IllegalStateException("no device flow succeeded in 10 attempts: " + failures);
    }

    private String clientCredentialsToken() {
        String basic = Base64.getEncoder().encodeToString((adminTokenId + ":" + adminTokenSecret).getBytes(StandardCharsets.UTF_8));
        SignInHttp.Answer answer = require(http.postForm("/oauth2/token", Map.of("grant_type", "client_credentials"),
                Map.of("Authorization", "Basic " + basic)), "client credentials");
        tokensIssued.incrementAndGet();
        return answer.field("access_token");
    }

    // ---- the token endpoint after many sign-ins

    private void growth(int exchanges, int moreFlows) throws Exception {
        measureExchanges("token exchanges alone, 1 at once, before " + moreFlows + " more sign-ins", 1, exchanges, 1);
        failures.reset();
        long wall = parallel(8, moreFlows, (worker, index) -> flow(worker, null));
        System.out.printf(Locale.ROOT, "%d more device flows, 8 at once: %.1f s (%.1f flows/s; %s), %d tokens issued so far, load %s%n",
                moreFlows, wall / 1e9, moreFlows / (wall / 1e9), failures, tokensIssued.get(), loadAverages());
        measureExchanges("token exchanges alone, 1 at once, after " + moreFlows + " more sign-ins", 1, exchanges, 1);
    }

    // ---- many people waiting on the code page at once

    /**
     * {@code waiting} devices ask for codes that nobody has confirmed yet, as when many people start a sign-in at
     * the same moment; then the person of the first device confirms its code. Not timed: whether the server still
     * knows the first code once {@code waiting} are pending.
     */
    private void pending(int waiting) {
        List<DeviceClient.DeviceCode> codes = new ArrayList<>();
        for (int i = 0; i < waiting; i++) {
            codes.add(device.authorize());
        }
        try {
            browsers.get(0).approve(codes.get(0).userCode());
            System.out.printf("%d sign-ins pending: the first one's code was still accepted%n", waiting);
        } catch (IllegalStateException refused) {
            System.out.printf("%d sign-ins pending: the first one's code was refused (%s)%n", waiting, refused.getMessage());
        }
        try {
            browsers.get(0).approve(codes.get(waiting - 1).userCode());
            System.out.printf("%d sign-ins pending: the last one's code was accepted%n", waiting);
        } catch (IllegalStateException refused) {
            System.out.printf("%d sign-ins pending: the last one's code was refused (%s)%n", waiting, refused.getMessage());
        }
    }

    // ---- helpers

    @FunctionalInterface
    private interface Task {
        Object run(int worker, int index) throws Exception;
    }

    /** Runs {@code tasks} tasks on {@code threads} workers (worker w uses browser w) and returns the wall time in ns; any failure ends the benchmark. */
    private static long parallel(int threads, int tasks, Task task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < threads; w++) {
                int worker = w;
                workers.add(pool.submit(() -> {
                    for (int index = next.getAndIncrement(); index < tasks; index = next.getAndIncrement()) {
                        task.run(worker, index);
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
            return System.nanoTime() - start;
        } finally {
            pool.shutdownNow();
        }
    }

    private static SignInHttp.Answer require(SignInHttp.Answer answer, String what) {
        if (answer.status() != 200) {
            throw new IllegalStateException(what + " answered " + answer.status() + ": " + answer.body());
        }
        return answer;
    }

    static List<Integer> concurrencies(String list) {
        List<Integer> levels = Arrays.stream(list.split(",")).map(String::trim).map(Integer::parseInt).toList();
        if (levels.isEmpty() || levels.stream().anyMatch(level -> level < 1 || level > MAX_EXCHANGE_BATCH)) {
            throw new IllegalArgumentException("--concurrency takes levels from 1 to " + MAX_EXCHANGE_BATCH + ", got " + list);
        }
        return levels;
    }

    private static double load1() {
        return Double.parseDouble(loadAverages().split(" ")[0]);
    }

    /** The 1-, 5- and 15-minute load averages: the machine is shared, and every figure is read against them. */
    private static String loadAverages() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "0 0 0";
        }
    }

    private static String newPublicKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
