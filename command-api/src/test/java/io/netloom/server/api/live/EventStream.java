package io.netloom.server.api.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A client of a server-sent event stream, as the console's page reads one: each event as it arrives. */
final class EventStream implements AutoCloseable {

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Event(String name, JsonNode data) {
    }

    private final HttpResponse<InputStream> response;
    private final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();
    /** Every event taken so far, to assert what never came. */
    private final List<Event> seen = new ArrayList<>();
    private final Thread reader;

    private EventStream(HttpResponse<InputStream> response) {
        this.response = response;
        this.reader = new Thread(this::read, "event-stream-reader");
        reader.setDaemon(true);
        reader.start();
    }

    static HttpResponse<InputStream> request(String url, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    static EventStream open(String url, String authorization) throws Exception {
        HttpResponse<InputStream> response = request(url, authorization);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/event-stream"));
        return new EventStream(response);
    }

    /** Takes events until one matches, failing after a while. */
    Event await(String name, Predicate<JsonNode> matching) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Event event = left > 0 ? events.poll(left, TimeUnit.NANOSECONDS) : null;
            assertThat(event).as("an event '%s' matching, after %s", name, seen).isNotNull();
            seen.add(event);
            if (event.name().equals(name) && matching.test(event.data())) {
                return event;
            }
        }
    }

    /** Every event taken so far, and those that arrived since. */
    List<Event> seen() {
        events.drainTo(seen);
        return List.copyOf(seen);
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String name = "message";
            StringBuilder data = new StringBuilder();
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isEmpty()) {
                    if (data.length() > 0) {
                        events.add(new Event(name, JSON.readTree(data.toString())));
                    }
                    name = "message";
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    name = line.substring("event:".length()).strip();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring("data:".length()).strip());
                }
            }
        } catch (IOException closed) {
            // The test closed the stream.
        }
    }

    /** Waits for the server to end the stream. */
    void awaitEnd() throws InterruptedException {
        reader.join(PATIENCE.toMillis());
        assertThat(reader.isAlive()).as("the stream ended within %s", PATIENCE).isFalse();
    }

    @Override
    public void close() throws Exception {
        response.body().close();
        reader.join(PATIENCE.toMillis());
    }
}
