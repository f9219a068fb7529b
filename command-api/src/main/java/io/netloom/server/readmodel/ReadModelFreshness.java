package io.netloom.server.readmodel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Lets a caller wait until this process's in-memory models — the directory, the peer feed and the network maps, fed
 * by the tracking processors of {@link ReadModelTail} — have handled every event stored so far, whichever process
 * stored it: the writer after its command ({@code Commands}), a reader before it reads ({@code ReadModelsCurrent}),
 * the gateway before it refuses a key it does not know. Gap-safe: see {@link FreshnessWait}.
 */
@Component
public class ReadModelFreshness {

    /** Far above the milliseconds a change takes; only a replay or an overloaded machine waits this long. */
    public static final Duration READER_PATIENCE = Duration.ofSeconds(5);

    private final EventStore eventStore;
    private final ReadModelTail tail;
    private final FreshnessWait wait;

    public ReadModelFreshness(EventStore eventStore, ReadModelTail tail, JdbcTemplate jdbc) {
        this.eventStore = eventStore;
        this.tail = tail;
        this.wait = new FreshnessWait(eventStore::createHeadToken, this::tokens, indexes -> stored(jdbc, indexes));
    }

    /** For callers that read right after a write: whether the models caught up within {@link #READER_PATIENCE}. */
    public boolean awaitRecentWrites() {
        return awaitEventsStoredBefore(READER_PATIENCE);
    }

    /** Waits, at most {@code patience}, for the models to include every event stored before this call. */
    public boolean awaitEventsStoredBefore(Duration patience) {
        return wait.awaitStoredBefore(patience);
    }

    /**
     * How many events the models trail the store by: the head's global index minus the furthest-behind processor's
     * position. Empty while a processor is not running, for the readiness probe and the {@code netloom.readmodel.lag}
     * gauge (ADR 0050).
     */
    public OptionalLong lag() {
        if (!tail.processors().stream().allMatch(TrackingEventProcessor::isRunning)) {
            return OptionalLong.empty();
        }
        OptionalLong processed = wait.position();
        if (processed.isEmpty()) {
            return OptionalLong.empty();
        }
        TrackingToken head = eventStore.createHeadToken();
        long headPosition = head == null ? -1 : head.position().orElse(-1);
        return OptionalLong.of(Math.max(0, headPosition - processed.getAsLong()));
    }

    /** Every segment's token; none until every processor has claimed its segment, so no processor is overlooked. */
    private List<TrackingToken> tokens() {
        List<TrackingToken> tokens = new ArrayList<>();
        for (TrackingEventProcessor processor : tail.processors()) {
            Collection<EventTrackerStatus> segments = processor.processingStatus().values();
            if (segments.isEmpty()) {
                return List.of();
            }
            segments.forEach(segment -> tokens.add(segment.getTrackingToken()));
        }
        return tokens;
    }

    private static Set<Long> stored(JdbcTemplate jdbc, Collection<Long> indexes) {
        return new HashSet<>(jdbc.queryForList("SELECT globalindex FROM domainevententry WHERE globalindex = ANY (?)",
                Long.class, (Object) indexes.toArray(Long[]::new)));
    }
}
