package io.netloom.server.readmodel;

import io.netloom.projections.networkmap.projection.NetworkMapProjection;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * Lets a reader wait until the network-map processor has applied every event stored so far, so a
 * read that follows a write sees the write although maps are computed on their own thread.
 */
@Component
public class NetworkMapFreshness {

    private static final Duration POLL = Duration.ofMillis(1);
    /** Far above the milliseconds a change takes; only a replay or an overloaded machine waits this long. */
    private static final Duration READER_PATIENCE = Duration.ofSeconds(5);

    private final EventStore eventStore;
    private final EventProcessingConfiguration processing;

    public NetworkMapFreshness(EventStore eventStore, EventProcessingConfiguration processing) {
        this.eventStore = eventStore;
        this.processing = processing;
    }

    /** For API reads: read-your-writes in every normal case, a slightly old map rather than an error otherwise. */
    public void awaitRecentWrites() {
        awaitEventsStoredBefore(READER_PATIENCE);
    }

    /**
     * Waits, at most {@code patience}, for the maps to include every event stored before this call.
     * Returns whether they do; a reader that runs out of patience serves a map a moment old.
     */
    public boolean awaitEventsStoredBefore(Duration patience) {
        TrackingToken head = eventStore.createHeadToken();
        if (head == null) {
            return true;
        }
        long deadline = System.nanoTime() + patience.toNanos();
        while (!hasProcessed(head)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /**
     * How many events the maps trail the store by: the head's global index minus the processor's position. Empty
     * while the processor is not running, for the readiness probe and the {@code netloom.readmodel.lag} gauge (ADR
     * 0050).
     */
    public OptionalLong lag() {
        boolean running = processor().map(TrackingEventProcessor::isRunning).orElse(false);
        OptionalLong processed = running ? processedPosition() : OptionalLong.empty();
        if (processed.isEmpty()) {
            return OptionalLong.empty();
        }
        TrackingToken head = eventStore.createHeadToken();
        long headPosition = head == null ? -1 : head.position().orElse(-1);
        return OptionalLong.of(Math.max(0, headPosition - processed.getAsLong()));
    }

    private boolean hasProcessed(TrackingToken head) {
        return processedPosition().orElse(-1) >= head.position().orElse(Long.MAX_VALUE);
    }

    /**
     * The position of the processor's furthest-behind segment; -1 for one that has processed nothing yet (started
     * on an empty store). Positions, not coverage: a gap below the head (a rolled-back append) would keep a token from
     * covering the head until Axon cleans it up, although no event is missing.
     */
    private OptionalLong processedPosition() {
        var statuses = processor().map(processor -> processor.processingStatus().values()).orElse(List.of());
        return statuses.stream().mapToLong(status -> status.getTrackingToken() == null ? -1
                : status.getTrackingToken().position().orElse(-1)).min();
    }

    private Optional<TrackingEventProcessor> processor() {
        return processing.eventProcessor(NetworkMapProjection.PROCESSING_GROUP, TrackingEventProcessor.class);
    }
}
