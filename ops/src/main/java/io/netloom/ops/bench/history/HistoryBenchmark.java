package io.netloom.ops.bench.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netloom.ops.bench.Options;
import io.netloom.tls.CertificateFingerprint;
import io.netloom.tls.ServerTrust;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Times history requests against a running server over HTTP, as an auditor's tool would send them: for each kind,
 * {@code --requests} requests one after another at random instants, each read to its last byte; prints min,
 * median, p90 and max per kind, and the mean of what the answers counted (flows).
 *
 * <pre>java io.netloom.ops.bench.history.HistoryBenchmark --url https://127.0.0.1:18480 --token-file DIR/admin-token
 *     [--server-fingerprint SHA256] [--requests 20] [--seed 1] [--only reachability,explain,access,dry]</pre>
 */
public final class HistoryBenchmark {

    private static final List<HistoryRequest> KINDS = List.of(new PeerReachability(), new AccountReachability(),
            new Explain(), new AccessTimeline(), new DryRunPolicyChange());

    private final HttpClient http;
    private final String baseUrl;
    private final String token;
    private final ObjectMapper json = new ObjectMapper();

    private HistoryBenchmark(String baseUrl, ServerTrust trust, String token) {
        String host = URI.create(baseUrl).getHost();
        if (!host.equals("localhost") && !host.startsWith("127.")) {
            throw new IllegalArgumentException("the benchmarks only target loopback, not " + host);
        }
        this.baseUrl = baseUrl;
        this.token = token;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).sslContext(trust.sslContext())
                .build();
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Options.parse(args);
        HistoryBenchmark benchmark = new HistoryBenchmark(options.getOrDefault("url", "https://127.0.0.1:8080"),
                ServerTrust.of(Optional.ofNullable(options.get("server-fingerprint")).map(CertificateFingerprint::parse)),
                Files.readString(Path.of(options.getOrDefault("token-file", "netloom-data/admin-token"))).trim());
        int requests = Integer.parseInt(options.getOrDefault("requests", "20"));
        Random random = new Random(Long.parseLong(options.getOrDefault("seed", "1")));
        HistorySubject subject = benchmark.subject();
        System.out.printf("history from %s to %s, %d peers; %d requests per kind%n", subject.first(), subject.now(),
                subject.peers().size(), requests);
        List<String> only = List.of(options.getOrDefault("only", "").split(","));
        for (HistoryRequest kind : KINDS) {
            if (only.stream().anyMatch(prefix -> kind.name().startsWith(prefix))) {
                benchmark.run(kind, subject, requests, random);
            }
        }
    }

    private void run(HistoryRequest kind, HistorySubject subject, int requests, Random random)
            throws IOException, InterruptedException {
        List<Long> nanos = new ArrayList<>();
        long counted = 0;
        for (int i = 0; i < requests; i++) {
            HistoryCall call = kind.next(subject, random);
            long start = System.nanoTime();
            try (InputStream body = send(call)) {
                counted += kind.count(body);
            }
            nanos.add(System.nanoTime() - start);
        }
        Collections.sort(nanos);
        System.out.printf("%-30s min %8.1f ms  median %8.1f ms  p90 %8.1f ms  max %8.1f ms  (n=%d, mean count %.0f)%n",
                kind.name(), millis(nanos, 0), millis(nanos, 50), millis(nanos, 90), millis(nanos, 100),
                nanos.size(), (double) counted / requests);
    }

    private static double millis(List<Long> sorted, int percentile) {
        int index = Math.max(0, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1);
        return sorted.get(Math.min(index, sorted.size() - 1)) / 1_000_000.0;
    }

    /** The account's first event (the export's first line, the rest of it left unread) and its peers. */
    private HistorySubject subject() throws IOException, InterruptedException {
        Instant first;
        try (BufferedReader export = new BufferedReader(new InputStreamReader(
                send(HistoryCall.get("/api/netloom/events")), StandardCharsets.UTF_8))) {
            first = Instant.parse(json.readTree(export.readLine()).get("time").asText());
        }
        List<HistorySubject.Peer> peers = new ArrayList<>();
        try (InputStream list = send(HistoryCall.get("/api/peers"))) {
            for (JsonNode peer : json.readTree(list)) {
                peers.add(new HistorySubject.Peer(peer.get("id").asText(), Instant.parse(peer.get("created_at").asText())));
            }
        }
        if (peers.size() < 2) {
            throw new IllegalStateException("the account needs two peers to ask about");
        }
        List<HistorySubject.Policy> policies = new ArrayList<>();
        try (InputStream list = send(HistoryCall.get("/api/policies"))) {
            for (JsonNode policy : json.readTree(list)) {
                JsonNode rule = policy.get("rules").get(0);
                policies.add(new HistorySubject.Policy(policy.get("id").asText(), groupIds(rule.get("sources")),
                        groupIds(rule.get("destinations"))));
            }
        }
        return new HistorySubject(first, Instant.now(), peers, policies);
    }

    private String groupIds(JsonNode groups) {
        List<String> ids = new ArrayList<>();
        groups.forEach(group -> ids.add(group.get("id").asText()));
        return json.valueToTree(ids).toString();
    }

    /** Sends the request with the token; the body is returned unread, to be streamed by the caller. */
    private InputStream send(HistoryCall call) throws IOException, InterruptedException {
        HttpRequest built = HttpRequest.newBuilder(URI.create(baseUrl + call.path()))
                .method(call.method(), call.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(call.body()))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofMinutes(2)).header("Authorization", "Token " + token).build();
        HttpResponse<InputStream> response = http.send(built, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            try (InputStream body = response.body()) {
                throw new IllegalStateException(built.method() + " " + built.uri() + " answered "
                        + response.statusCode() + ": " + new String(body.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return response.body();
    }
}
