package io.netloom.ops.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netloom.tls.CertificateFingerprint;
import io.netloom.tls.ServerTrust;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** HTTP calls to a running Netloom server, as any NetBird-compatible script would make them. */
final class ApiClient {

    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final String baseUrl;
    private final String token;

    /**
     * From {@code --url} (default https://127.0.0.1:8080), {@code --server-fingerprint} (the server's
     * generated certificate, pinned; without it the Java runtime's certificate authorities decide) and
     * {@code --token-file} (default netloom-data/admin-token).
     */
    static ApiClient fromOptions(Map<String, String> options) throws IOException {
        return allFromOptions(options).get(0);
    }

    /**
     * One client for each server process named in {@code --url} (comma-separated; they share the certificate and
     * the account's token), the first first.
     */
    static List<ApiClient> allFromOptions(Map<String, String> options) throws IOException {
        String token = Files.readString(Path.of(options.getOrDefault("token-file", "netloom-data/admin-token"))).trim();
        ServerTrust trust = serverTrust(options);
        return Arrays.stream(options.getOrDefault("url", "https://127.0.0.1:8080").split(","))
                .map(url -> new ApiClient(url.strip(), trust, token)).toList();
    }

    /** How the benchmark clients trust the server: pinned by {@code --server-fingerprint}, or by certificate authorities. */
    private static ServerTrust serverTrust(Map<String, String> options) {
        return ServerTrust.of(Optional.ofNullable(options.get("server-fingerprint")).map(CertificateFingerprint::parse));
    }

    ApiClient(String baseUrl, ServerTrust trust, String token) {
        requireLoopback(baseUrl);
        this.baseUrl = baseUrl;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).sslContext(trust.sslContext()).build();
        this.token = token;
    }

    JsonNode post(String path, Object body, boolean authenticated) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        if (authenticated) {
            request.header("Authorization", "Token " + token);
        }
        return send(request.build());
    }

    JsonNode put(String path, Object body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", "Token " + token)
                .PUT(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .build());
    }

    /** Returns the raw body so the caller can also report its size. */
    String getRaw(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Token " + token)
                .GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        requireOk(response);
        return response.body();
    }

    JsonNode parse(String raw) throws IOException {
        return json.readTree(raw);
    }

    private JsonNode send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        requireOk(response);
        return json.readTree(response.body());
    }

    /** Load is only ever sent to this machine. */
    private static void requireLoopback(String url) {
        String host = URI.create(url).getHost();
        if (!host.equals("localhost") && !host.startsWith("127.") && !host.equals("[::1]")) {
            throw new IllegalArgumentException("the benchmarks only target loopback, not " + host);
        }
    }

    private static void requireOk(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException(response.request().method() + " " + response.request().uri().getPath()
                    + " answered " + response.statusCode() + ": " + response.body());
        }
    }
}
