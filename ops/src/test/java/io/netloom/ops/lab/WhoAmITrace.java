package io.netloom.ops.lab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A lab host asking a plain host's HTTP server (ops/lab/whoami.py) every 100 ms, on a new connection each time, who
 * it is seen as: with a masquerading routing peer in between, the answer names the routing peer that carried the
 * request. A failover test reads from it when the answers changed from one routing peer to another, to the request.
 * The answers' times come from the machine's clock, shared by all namespaces and {@link Instant#now()}.
 */
final class WhoAmITrace implements AutoCloseable {

    static final Duration INTERVAL = Duration.ofMillis(100);
    private static final Duration TIMEOUT = Duration.ofMillis(500);

    private final String description;
    private final Process process;
    private final Thread reader;
    private final List<Answer> answers = new ArrayList<>();

    /** One request: when it ended and the source address the server saw, or empty when it was not answered. */
    record Answer(Instant at, Optional<String> source) {

        boolean from(String address) {
            return source.filter(address::equals).isPresent();
        }
    }

    private WhoAmITrace(String description, Process process) {
        this.description = description;
        this.process = process;
        this.reader = new Thread(this::read, "whoami " + description);
        reader.setDaemon(true);
        reader.start();
    }

    static WhoAmITrace start(String host, String url) {
        List<String> command = List.of("ip", "netns", "exec", Lab.namespace(host), "/usr/bin/python3",
                Lab.REPOSITORY.resolve("ops/lab/whoami.py").toString(), "poll", url,
                "--interval", seconds(INTERVAL), "--timeout", seconds(TIMEOUT));
        try {
            return new WhoAmITrace(host + " -> " + url, new ProcessBuilder(command).redirectErrorStream(true).start());
        } catch (IOException e) {
            throw new AssertionError("cannot start " + command + ": " + e.getMessage(), e);
        }
    }

    private static String seconds(Duration duration) {
        return String.format("%.3f", duration.toMillis() / 1000.0);
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String[] fields = line.split(" ", 2);
                if (fields.length == 2 && fields[0].matches("\\d+")) {
                    Instant at = Instant.ofEpochMilli(Long.parseLong(fields[0]));
                    Optional<String> source = fields[1].startsWith("-") ? Optional.empty() : Optional.of(fields[1]);
                    synchronized (answers) {
                        answers.add(new Answer(at, source));
                    }
                }
            }
        } catch (IOException e) {
            // The process ended: the trace holds what it read.
        }
    }

    /** The first request after {@code since} that {@code address} carried. */
    Optional<Instant> firstFrom(String address, Instant since) {
        return between(since, Instant.MAX).stream().filter(answer -> answer.from(address)).map(Answer::at).findFirst();
    }

    /** Every request that ended from {@code from} to {@code to}. */
    List<Answer> between(Instant from, Instant to) {
        synchronized (answers) {
            return answers.stream().filter(answer -> !answer.at().isBefore(from) && !answer.at().isAfter(to)).toList();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            reader.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "whoami " + description;
    }
}
