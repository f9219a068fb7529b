package io.netloom.ops.bench.replay;

import io.netloom.ops.bench.Options;
import io.netloom.testsupport.bench.BenchHistory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes the replay benchmark's event history ({@link BenchHistory}) into a stopped server's embedded database, in
 * the exact form Axon's JDBC storage engine and Jackson serializer use, so the next server start has to replay it.
 * The events are spread evenly over the 90 days ending at {@link #NOW}, one step apart in global-index order, so
 * that questions about a past instant find the history as it stood then.
 *
 * <pre>java io.netloom.ops.bench.replay.EventStoreFiller --data-dir DIR --events 1000000</pre>
 */
public final class EventStoreFiller {

    private static final int BATCH = 5_000;
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final Duration HISTORY = Duration.ofDays(90);

    private final AxonEventRows rows;
    private final Map<String, Long> sequences = new HashMap<>();
    private int pending;

    private EventStoreFiller(AxonEventRows rows) {
        this.rows = rows;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Options.parse(args);
        Path dataDirectory = Path.of(options.get("data-dir")).toAbsolutePath();
        long target = Long.parseLong(options.getOrDefault("events", "1000000"));
        if (target < 1 || target > HISTORY.toMillis()) {
            throw new IllegalArgumentException("--events must be between 1 and " + HISTORY.toMillis()
                    + " (one per millisecond of the history)");
        }
        // Whole milliseconds between two events, the precision of Axon's stored timestamp; the target's last event
        // falls on NOW (the last churn round may add up to three more, a step apart each).
        long stepMillis = HISTORY.toMillis() / target;
        long started = System.nanoTime();
        long written;
        try (AxonEventRows rows = AxonEventRows.open(dataDirectory)) {
            EventStoreFiller filler = new EventStoreFiller(rows);
            written = BenchHistory.write(target, index -> NOW.minusMillis(stepMillis * (target - 1 - index)),
                    filler::append);
            filler.flush();
        }
        System.out.printf("wrote %d events in %.1f s%n", written, (System.nanoTime() - started) / 1e9);
    }

    private void append(String aggregateType, String aggregateId, Object event, Instant at) throws Exception {
        long sequence = sequences.merge(aggregateId, 1L, Long::sum) - 1;
        rows.add(aggregateType, aggregateId, sequence, event, at);
        if (++pending == BATCH) {
            flush();
        }
    }

    private void flush() throws Exception {
        rows.commit();
        pending = 0;
    }
}
