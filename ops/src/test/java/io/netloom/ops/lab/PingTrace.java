package io.netloom.ops.lab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
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
    private static final Pattern REPLY =
            Pattern.compile("^\\[(\\d+)\\.(\\d{6})\\] \\d+ bytes from .* icmp_seq=(\\d+) .*time=([\\d.]+) ms$");
    /** How long an echo request may take to be answered before the silence after the last answer counts as loss. */
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(1);

    private final String description;
    private final Process process;
    private final Thread reader;
    private final List<Reply> replies = new ArrayList<>();

    /**
     * One answered echo request: its sequence number, when the answer arrived, and when the request was sent (the
     * answer's time less the round trip ping measured).
     */
    record Reply(long sequence, Instant at, Instant sentAt) {
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
                    long roundTripMicros = Math.round(Double.parseDouble(reply.group(4)) * 1_000);
                    synchronized (replies) {
                        replies.add(new Reply(Long.parseLong(reply.group(3)), at, at.minusNanos(roundTripMicros * 1_000)));
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

    /** What a trace lost in a window: the echo requests never answered, and the traffic they stand for as time. */
    record Loss(long requests, Duration time) {
        Loss plus(long moreRequests, Duration moreTime) {
            return new Loss(requests + moreRequests, time.plus(moreTime));
        }

        @Override
        public String toString() {
            return time.toMillis() + " ms (" + requests + " echo requests)";
        }
    }

    /**
     * The traffic lost between {@code from} and {@code to}, counting each whole gap (ADR 0040's measure): for every
     * run of unanswered echo requests, the time from the send of the first of them (one interval after the last
     * answered one) to the send of the next answered one, clipped to the window and summed, and the requests of every
     * run that reaches into the window. Unlike {@link #lostBetween}, a run that began before {@code from} counts.
     * Requests sent after the last answer count once they are older than the reply timeout at {@code to}.
     */
    Loss loss(Instant from, Instant to) {
        List<Reply> answered;
        synchronized (replies) {
            answered = replies.stream().sorted(Comparator.comparingLong(Reply::sequence)).toList();
        }
        if (answered.isEmpty()) {
            return new Loss(Duration.between(from, to).toMillis() / INTERVAL.toMillis(), Duration.between(from, to));
        }
        Loss loss = new Loss(0, Duration.ZERO);
        for (int i = 1; i < answered.size(); i++) {
            Reply before = answered.get(i - 1);
            Reply after = answered.get(i);
            Duration gap = overlap(before.sentAt().plus(INTERVAL), after.sentAt(), from, to);
            if (after.sequence() - before.sequence() > 1 && !gap.isZero()) {
                loss = loss.plus(after.sequence() - before.sequence() - 1, gap);
            }
        }
        Reply last = answered.get(answered.size() - 1);
        Duration trailing = overlap(last.sentAt().plus(INTERVAL), to.minus(REPLY_TIMEOUT), from, to);
        return loss.plus(trailing.toMillis() / INTERVAL.toMillis(), trailing);
    }

    private static Duration overlap(Instant start, Instant end, Instant from, Instant to) {
        Instant clippedStart = start.isBefore(from) ? from : start;
        Instant clippedEnd = end.isAfter(to) ? to : end;
        return clippedEnd.isAfter(clippedStart) ? Duration.between(clippedStart, clippedEnd) : Duration.ZERO;
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
