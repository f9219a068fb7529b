package io.netloom.server.readmodel;

import io.netloom.projections.networkmap.projection.NetworkMapProjection;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
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
     * How many events the maps trail the store by: the head's global index minus the processor's position (its
     * furthest-behind segment). Empty while the processor is not running, for the readiness probe and the
     * {@code netloom.readmodel.lag} gauge (ADR 0050).
     */
    public OptionalLong lag() {
        Optional<TrackingEventProcessor> processor =
                processing.eventProcessor(NetworkMapProjection.PROCESSING_GROUP, TrackingEventProcessor.class);
        if (processor.isEmpty() || !processor.get().isRunning()) {
            return OptionalLong.empty();
        }
        var statuses = processor.get().processingStatus().values();
        if (statuses.isEmpty()) {
            return OptionalLong.empty();
        }
        long processed = Long.MAX_VALUE;
        for (EventTrackerStatus status : statuses) {
            TrackingToken position = status.getTrackingToken();
            // No position yet: started on an empty store and has processed nothing since.
            processed = Math.min(processed, position == null ? -1 : position.position().orElse(-1));
        }
        TrackingToken head = eventStore.createHeadToken();
        long headPosition = head == null ? -1 : head.position().orElse(-1);
        return OptionalLong.of(Math.max(0, headPosition - processed));
    }

    private boolean hasProcessed(TrackingToken head) {
        return processing.eventProcessor(NetworkMapProjection.PROCESSING_GROUP, TrackingEventProcessor.class)
                .map(processor -> {
                    var statuses = processor.processingStatus().values();
                    return !statuses.isEmpty() && statuses.stream().allMatch(status -> covers(status, head));
                })
                .orElse(false);
    }

    /**
     * Compares positions, not coverage: a gap below the head (a rolled-back append) would keep
     * {@code covers} false until Axon cleans it up, although no event is missing.
     */
    private static boolean covers(EventTrackerStatus status, TrackingToken head) {
        TrackingToken position = status.getTrackingToken();
        return position != null && position.position().orElse(-1) >= head.position().orElse(Long.MAX_VALUE);
    }
}
