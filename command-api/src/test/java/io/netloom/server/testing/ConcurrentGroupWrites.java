package io.netloom.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Many group creations sent at once through the API, each classified by what its caller learnt: acknowledged (200,
 * with the new group's id), refused (a 4xx: the name was taken on purpose, so nothing may have changed) or
 * unanswered (the connection broke, or never opened: the server died meanwhile, and either outcome is allowed).
 * With several server processes the writes go to each in turn.
 */
public final class ConcurrentGroupWrites {

    private static final Pattern GROUP_ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    /** Every {@code DUPLICATE_EVERY}-th write asks for a name that exists already. */
    static final int DUPLICATE_EVERY = 10;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final List<Integer> ports;
    private final String token;
    private final String takenName;
    private final Map<String, String> acknowledged = new ConcurrentHashMap<>();
    private final List<String> refused = new ArrayList<>();
    private final List<String> unanswered = new ArrayList<>();
    private final AtomicInteger answered = new AtomicInteger();

    /** @param takenName a group name that exists before the writes start */
    public ConcurrentGroupWrites(int port, String token, String takenName) {
        this(List.of(port), token, takenName);
    }

    /** Writes to the API on each of {@code ports} in turn. */
    public ConcurrentGroupWrites(List<Integer> ports, String token, String takenName) {
        this.ports = List.copyOf(ports);
        this.token = token;
        this.takenName = takenName;
    }

    /** Starts {@code count} writes, {@code callers} at a time; returns at once. */
    public List<Future<?>> start(String prefix, int count, int callers) {
        ExecutorService threads = Executors.newFixedThreadPool(callers);
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = i % DUPLICATE_EVERY == DUPLICATE_EVERY - 1 ? takenName : prefix + "-" + i;
            int port = ports.get(i % ports.size());
            running.add(threads.submit(() -> write(port, name)));
        }
        threads.shutdown();
        return running;
    }

    /** Writes answered so far, acknowledged or refused. */
    public int answered() {
        return answered.get();
    }

    /** New group id to name, for every write answered with 200. */
    public Map<String, String> acknowledged() {
        return Map.copyOf(acknowledged);
    }

    public synchronized List<String> refused() {
        return List.copyOf(refused);
    }

    public synchronized List<String> unanswered() {
        return List.copyOf(unanswered);
    }

    /**
     * Checks the groups a server lists after {@code writes} writes ended (group id to name): every acknowledged one is
     * there, the refused ones changed nothing (the taken name is there once, as {@code takenId}), no write took effect
     * twice, and every group is one that was acknowledged or whose answer was lost.
     */
    public void assertOutcome(int writes, Map<String, String> present, String takenId) {
        Map<String, String> acknowledged = acknowledged();
        List<String> unanswered = unanswered();
        assertThat(acknowledged.size() + refused().size() + unanswered.size()).isEqualTo(writes);
        assertThat(present).containsAllEntriesOf(acknowledged);
        assertThat(present).containsEntry(takenId, takenName);
        assertThat(present.values()).as("the refused writes changed nothing").filteredOn(takenName::equals)
                .hasSize(1);
        assertThat(present.values()).as("no write took effect twice").doesNotHaveDuplicates();
        assertThat(present.values()).as("every group is one written and answered, or one whose answer was lost")
                .allSatisfy(name -> assertThat(name.equals(takenName) || name.equals("All")
                        || acknowledged.containsValue(name) || unanswered.contains(name)).as(name).isTrue());
    }

    /** Asks the server on {@code port} to create a group named {@code name}. */
    public static HttpResponse<String> post(HttpClient http, int port, String token, String name)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/groups"))
                .header("Authorization", "Token " + token).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The new group's id in a 200 answer to {@link #post}. */
    public static String createdId(HttpResponse<String> response) {
        Matcher id = GROUP_ID.matcher(response.body());
        if (!id.find()) {
            throw new AssertionError("no group id in " + response.body());
        }
        return id.group(1);
    }

    private void write(int port, String name) {
        HttpResponse<String> response;
        try {
            response = post(http, port, token, name);
        } catch (IOException e) {
            synchronized (this) {
                unanswered.add(name);
            }
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (response.statusCode() == 200) {
            acknowledged.put(createdId(response), name);
        } else if (response.statusCode() >= 400 && response.statusCode() < 500 && name.equals(takenName)) {
            synchronized (this) {
                refused.add(name);
            }
        } else {
            throw new AssertionError("creating " + name + " on " + port + ": " + response.statusCode() + " "
                    + response.body());
        }
        answered.incrementAndGet();
    }
}
