package io.netloom.server.database;

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
 */
final class ConcurrentGroupWrites {

    private static final Pattern GROUP_ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    /** Every {@code DUPLICATE_EVERY}-th write asks for a name that exists already. */
    static final int DUPLICATE_EVERY = 10;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final int port;
    private final String token;
    private final String takenName;
    private final Map<String, String> acknowledged = new ConcurrentHashMap<>();
    private final List<String> refused = new ArrayList<>();
    private final List<String> unanswered = new ArrayList<>();
    private final AtomicInteger answered = new AtomicInteger();

    /** @param takenName a group name that exists before the writes start */
    ConcurrentGroupWrites(int port, String token, String takenName) {
        this.port = port;
        this.token = token;
        this.takenName = takenName;
    }

    /** Starts {@code count} writes, {@code callers} at a time; returns at once. */
    List<Future<?>> start(String prefix, int count, int callers) {
        ExecutorService threads = Executors.newFixedThreadPool(callers);
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = i % DUPLICATE_EVERY == DUPLICATE_EVERY - 1 ? takenName : prefix + "-" + i;
            running.add(threads.submit(() -> write(name)));
        }
        threads.shutdown();
        return running;
    }

    /** Writes answered so far, acknowledged or refused. */
    int answered() {
        return answered.get();
    }

    /** New group id to name, for every write answered with 200. */
    Map<String, String> acknowledged() {
        return Map.copyOf(acknowledged);
    }

    synchronized List<String> refused() {
        return List.copyOf(refused);
    }

    synchronized List<String> unanswered() {
        return List.copyOf(unanswered);
    }

    /** Asks the server on {@code port} to create a group named {@code name}. */
    static HttpResponse<String> post(HttpClient http, int port, String token, String name)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/groups"))
                .header("Authorization", "Token " + token).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The new group's id in a 200 answer to {@link #post}. */
    static String createdId(HttpResponse<String> response) {
        Matcher id = GROUP_ID.matcher(response.body());
        if (!id.find()) {
            throw new AssertionError("no group id in " + response.body());
        }
        return id.group(1);
    }

    private void write(String name) {
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
            throw new AssertionError("creating " + name + ": " + response.statusCode() + " " + response.body());
        }
        answered.incrementAndGet();
    }
}
