package io.netloom.server.readmodel.snapshot;

import io.netloom.server.cluster.Leadership;
import io.netloom.server.scheduling.PeriodicTask;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * Looks every {@code check-period} whether the read models are due a snapshot — the store grew by
 * {@code every-events} since the newest one, the newest is older than {@code max-age} and an event came after it, or
 * the newest is of an older format (ADR 0065) — and has {@link ReadModelSnapshotBuilder} write one on this task's
 * thread. Once per cluster is enough: only the leader does it (ADR 0056).
 */
@Component
class ReadModelSnapshotWriter extends PeriodicTask {

    /** After the start-up sequence (Integer.MAX_VALUE - 2048), which reads the newest snapshot first. */
    private static final int PHASE = Integer.MAX_VALUE - 2000;

    private final ReadModelSnapshotBuilder builder;
    private final ReadModelSnapshotStore store;
    private final EventStore eventStore;
    private final ReadModelSnapshotProperties properties;
    private final Clock clock;
    private final Leadership leadership;

    ReadModelSnapshotWriter(ReadModelSnapshotBuilder builder, ReadModelSnapshotStore store, EventStore eventStore,
            ReadModelSnapshotProperties properties, Clock clock, Leadership leadership) {
        super("read-model-snapshots", properties.firstCheck(), properties.checkPeriod(), PHASE);
        this.builder = builder;
        this.store = store;
        this.eventStore = eventStore;
        this.properties = properties;
        this.clock = clock;
        this.leadership = leadership;
    }

    @Override
    protected void runOnce() {
        if (leadership.isLeader() && due()) {
            builder.build();
        }
    }

    private boolean due() {
        TrackingToken headToken = eventStore.createHeadToken();
        long head = headToken == null ? -1 : headToken.position().orElse(-1);
        List<ReadModelSnapshotStore.Stored> stored = store.newestFirst();
        long newest = stored.isEmpty() ? -1 : stored.get(0).token().getIndex();
        Instant takenAt = stored.isEmpty() ? Instant.MIN : stored.get(0).takenAt();
        // A newest snapshot of an older format is written again at once: starts read the current one faster.
        boolean olderFormat = !stored.isEmpty() && stored.get(0).format() != ReadModelSnapshotCodec.FORMAT;
        return head - newest >= properties.everyEvents() || olderFormat
                || head > newest && !takenAt.plus(properties.maxAge()).isAfter(clock.instant());
    }
}
