package io.netloom.server.testing;

import io.netloom.api.contract.NetbirdContract;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import javax.net.ssl.SSLContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP client for the running test server. Every successful answer from a NetBird path is
 * validated against NetBird's OpenAPI contract, so any incompatibility fails the test that met it,
 * and any 5xx answer fails the test at once.
 */
public final class NetloomApi {

    private static final NetbirdContract CONTRACT = NetbirdContract.load();
    private static final List<String> NETLOOM_OWN_PATHS = List.of("/api/netloom/");
    private static final List<String> NETLOOM_OWN_SUFFIXES = List.of("/network-map");

    private final HttpClient http;
    private final JsonMapper json = JsonMapper.builder().build();
    private final String baseUrl;

    /** A server speaking plain HTTP (netloom.insecure-http=true) on {@code port}. */
    public NetloomApi(int port) {
        this.baseUrl = "http://localhost:" + port;
        this.http = HttpClient.newHttpClient();
    }

    /** A server speaking TLS on {@code port}, trusted as {@code tls} decides. */
    public NetloomApi(int port, SSLContext tls) {
        this.baseUrl = "https://localhost:" + port;
        this.http = HttpClient.newBuilder().sslContext(tls).build();
    }

    public Client as(String personalAccessToken) {
        return new Client("Token " + personalAccessToken);
    }

    public Client withBearer(String jwt) {
        return new Client("Bearer " + jwt);
    }

    public Client anonymous() {
        return new Client(null);
    }

    public JsonMapper json() {
        return json;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** An HTTP answer: the status and the parsed body (a missing or non-JSON body is null). */
    public record Response(int status, String rawBody, JsonNode body) {

        public String text(String field) {
            return body.get(field).asString();
        }
    }

    public final class Client {

        private final String authorization;

        private Client(String authorization) {
            this.authorization = authorization;
        }

        public String authorization() {
            return authorization;
        }

        public Response get(String template, Object... args) {
            return send("GET", template, null, args);
        }

        public Response delete(String template, Object... args) {
            return send("DELETE", template, null, args);
        }

        public Response post(String template, Object body, Object... args) {
            return send("POST", template, body, args);
        }

        public Response put(String template, Object body, Object... args) {
            return send("PUT", template, body, args);
        }

        /** Sends a raw body exactly as given, for malformed-input tests. */
        public Response sendRaw(String method, String path, String contentType, String rawBody) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .method(method, HttpRequest.BodyPublishers.ofString(rawBody))
                    .header("Content-Type", contentType);
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            return exchange(request.build());
        }

        private Response send(String method, String template, Object body, Object... args) {
            String path = expand(template, args);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path));
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                String payload = body instanceof String text ? text : json.writeValueAsString(body);
                request.method(method, HttpRequest.BodyPublishers.ofString(payload))
                        .header("Content-Type", "application/json");
            }
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            Response response = exchange(request.build());
            if (isNetbirdPath(template) && response.status() / 100 == 2 && !response.rawBody().isEmpty()) {
                CONTRACT.assertResponseMatches(method, withoutQuery(template), response.status(), response.rawBody());
            }
            return response;
        }

        private Response exchange(HttpRequest request) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                String raw = response.body();
                JsonNode parsed = null;
                if (raw != null && !raw.isBlank()) {
                    try {
                        parsed = json.readTree(raw);
                    } catch (RuntimeException notJson) {
                        parsed = null;
                    }
                }
                if (response.statusCode() >= 500) {
                    // No input, however bad, may crash the server: a 5xx fails whichever test met it.
                    throw new AssertionError(request.method() + " " + request.uri().getPath() + " answered "
                            + response.statusCode() + ": " + raw);
                }
                return new Response(response.statusCode(), raw == null ? "" : raw, parsed);
            } catch (IOException e) {
                throw new IllegalStateException("request to the test server failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static boolean isNetbirdPath(String template) {
        return NETLOOM_OWN_PATHS.stream().noneMatch(template::startsWith)
                && NETLOOM_OWN_SUFFIXES.stream().noneMatch(template::endsWith);
    }

    private static String withoutQuery(String template) {
        int query = template.indexOf('?');
        return query < 0 ? template : template.substring(0, query);
    }

    private static String expand(String template, Object... args) {
        String path = template;
        for (Object arg : args) {
            int start = path.indexOf('{');
            int end = path.indexOf('}', start);
            path = path.substring(0, start) + arg + path.substring(end + 1);
        }
        return path;
    }
}
