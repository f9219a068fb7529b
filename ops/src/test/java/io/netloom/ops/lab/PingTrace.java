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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A lab host pinging an address every 50 ms with {@code ping -D}, keeping the time of each reply, so that a test
 * can tell to the packet when a path stopped being answered and that another path never lost one. The replies'
 * times come from the same system clock as {@link Instant#now()}: the namespaces share the machine's clock.
 */
final class PingTrace implements AutoCloseable {

    static final Duration INTERVAL = Duration.ofMillis(50);
    private static final Pattern REPLY = Pattern.compile("^\\[(\\d+)\\.(\\d{6})\\] \\d+ bytes from .* icmp_seq=(\\d+) ");

    private final String description;
    private final Process process;
    private final Thread reader;
    private final List<Reply> replies = new ArrayList<>();

    /** One answered echo request: its sequence number and when the answer arrived. */
    record Reply(long sequence, Instant at) {
    }

    private PingTrace(String description, Process process) {
        this.description = description;
        this.process = process;
        this.reader = new Thread(this::read, "ping " + description);
        reader.setDaemon(true);
        reader.start();
    }

    static PingTrace start(String host, String address) {
        List<String> command = List.of("ip", "netns", "exec", Lab.namespace(host), "ping", "-n", "-D", "-i",
                String.format("%.3f", INTERVAL.toMillis() / 1000.0), "-W", "1", address);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            return new PingTrace(host + " -> " + address, process);
        } catch (IOException e) {
            throw new AssertionError("cannot start " + command + ": " + e.getMessage(), e);
        }
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                Matcher reply = REPLY.matcher(line);
                if (reply.find()) {
                    Instant at = Instant.ofEpochSecond(Long.parseLong(reply.group(1)),
                            Long.parseLong(reply.group(2)) * 1_000);
                    synchronized (replies) {
                        replies.add(new Reply(Long.parseLong(reply.group(3)), at));
                    }
                }
            }
        } catch (IOException e) {
            // The process ended: the trace holds what it read.
        }
    }

    /** The last reply that arrived after {@code since}, if any. */
    Optional<Instant> lastReplyAfter(Instant since) {
        synchronized (replies) {
            return replies.isEmpty() || !replies.get(replies.size() - 1).at().isAfter(since)
                    ? Optional.empty()
                    : Optional.of(replies.get(replies.size() - 1).at());
        }
    }

    /** The first reply that arrived after {@code since}, if any: when a dead path came back. */
    Optional<Instant> firstReplyAfter(Instant since) {
        synchronized (replies) {
            return replies.stream().map(Reply::at).filter(at -> at.isAfter(since)).findFirst();
        }
    }

    /** Whether a reply arrived after {@code since}. */
    boolean answeredAfter(Instant since) {
        return lastReplyAfter(since).isPresent();
    }

    /**
     * The echo requests lost between {@code from} and {@code to}: gaps in the answered sequence numbers, plus the
     * requests due after the last answer before {@code to}. Empty-handed windows count every request.
     */
    long lostBetween(Instant from, Instant to) {
        List<Reply> window;
        synchronized (replies) {
            window = replies.stream().filter(reply -> !reply.at().isBefore(from) && !reply.at().isAfter(to)).toList();
        }
        long due = Duration.between(from, to).toMillis() / INTERVAL.toMillis();
        if (window.isEmpty()) {
            return due;
        }
        long lost = 0;
        for (int i = 1; i < window.size(); i++) {
            lost += window.get(i).sequence() - window.get(i - 1).sequence() - 1;
        }
        // A reply may take up to the timeout to arrive; only silence longer than a second at the end counts.
        long silentAtEnd = Duration.between(window.get(window.size() - 1).at(), to).toMillis() - 1_000;
        return lost + Math.max(0, silentAtEnd / INTERVAL.toMillis());
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
        return "ping " + description;
    }
}
