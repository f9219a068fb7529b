package io.netloom.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.server.testing.ServerTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Paths that Tomcat refuses before Spring runs get the API's JSON error body, not Tomcat's HTML page. The requests go
 * over a raw socket: Java's HTTP client will not send a NUL byte in a path.
 */
class MalformedUrlTest extends ServerTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @ParameterizedTest
    @ValueSource(strings = {"/api/peers/%00", "/api/groups/a%2Fb"})
    void requestWhenPathMalformedThenJsonBadRequest(String path) throws IOException {
        RawAnswer answer = get(path);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("content-type")).startsWith("application/json");
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.get("code").asInt()).isEqualTo(400);
        assertThat(body.get("message").asString()).contains("malformed request");
        assertNoServerDetails(answer);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/scim/v2/Users/a%2Fb", "/scim/v2/Groups/%00"})
    void scimRequestWhenPathMalformedThenScimErrorBody(String path) throws IOException {
        RawAnswer answer = get(path);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("content-type")).startsWith("application/scim+json");
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.get("status").asString()).isEqualTo("400");
        assertThat(body.get("schemas").get(0).asString()).isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
        assertThat(body.get("detail").asString()).contains("malformed request");
        assertNoServerDetails(answer);
    }

    @Test
    void requestWhenPathWellFormedButUnauthenticatedThenSpringsAnswerUnchanged() throws IOException {
        RawAnswer answer = get("/api/peers");

        assertThat(answer.status()).isEqualTo(401);
        assertThat(JSON.readTree(answer.body()).get("code").asInt()).isEqualTo(401);
    }

    /** Tomcat's page names the server and its version; a stack trace names exceptions. */
    private static void assertNoServerDetails(RawAnswer answer) {
        assertThat(answer.raw()).doesNotContainIgnoringCase("tomcat").doesNotContain("<html")
                .doesNotContain("Exception");
    }

    /** HTTP/1.0, so that the answer is neither chunked nor kept alive: it ends where the connection does. */
    private RawAnswer get(String path) throws IOException {
        URI base = URI.create(api.baseUrl());
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.0\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new RawAnswer(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private record RawAnswer(String raw) {

        int status() {
            return Integer.parseInt(raw.split(" ", 3)[1]);
        }

        String header(String name) {
            return head().lines().skip(1)
                    .filter(line -> line.toLowerCase(Locale.ROOT).startsWith(name + ":"))
                    .map(line -> line.substring(name.length() + 1).strip())
                    .findFirst().orElseThrow(() -> new AssertionError("no " + name + " in " + raw));
        }

        String body() {
            return raw.substring(raw.indexOf("\r\n\r\n") + 4);
        }

        private String head() {
            return raw.substring(0, raw.indexOf("\r\n\r\n"));
        }
    }
}
