package io.netloom.server.readmodel;

import io.netloom.projections.directory.DirectoryProjection;
import io.netloom.projections.networkmap.projection.NetworkMapProjection;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The one place where the in-memory models change hands from the start-up replay to the tracking processors that
 * keep them current in every process (ADR 0055): {@link StartupSequence} fills the models (today by replaying the
 * store from its start; a snapshot restore followed by a replay from the snapshot's position fits the same way) and
 * hands over the token of the last event it applied; the processors, which do not start with Axon, then start from
 * exactly that token. Nothing the replay applied is applied twice, and an event another process appends meanwhile —
 * or one that was still in flight below the replay's end, a gap in its token — is applied by the processors.
 * Their tokens live in memory, as the models do.
 */
@Component
public class ReadModelTail {

    /** Every local processor that feeds an in-memory model, in the order they start. */
    static final List<String> PROCESSING_GROUPS =
            List.of(DirectoryProjection.PROCESSING_GROUP, NetworkMapProjection.PROCESSING_GROUP);

    private final ObjectProvider<EventProcessingConfiguration> processing;
    private final AtomicReference<TrackingToken> replayEnd = new AtomicReference<>();
    private volatile boolean handedOver;

    public ReadModelTail(ObjectProvider<EventProcessingConfiguration> processing) {
        this.processing = processing;
    }

    /**
     * Starts the processors after the last event the start-up replay applied; {@code null} when it applied none
     * (an empty store), so they start at the store's beginning and miss nothing appended since.
     */
    public void continueFrom(TrackingToken lastReplayed) {
        if (handedOver) {
            throw new IllegalStateException("the read models were already handed to their processors");
        }
        replayEnd.set(lastReplayed);
        handedOver = true;
        PROCESSING_GROUPS.forEach(group -> processor(group).start());
    }

    /** For the processors' configuration: where a processor without a token starts. */
    TrackingToken initialToken(StreamableMessageSource<TrackedEventMessage<?>> source) {
        if (!handedOver) {
            throw new IllegalStateException("a read-model processor started before the start-up replay ended");
        }
        TrackingToken position = replayEnd.get();
        return position == null ? source.createTailToken() : position;
    }

    List<TrackingEventProcessor> processors() {
        return PROCESSING_GROUPS.stream().map(this::processor).toList();
    }

    private TrackingEventProcessor processor(String group) {
        return processing.getObject().eventProcessor(group, TrackingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("no tracking processor " + group));
    }
}
