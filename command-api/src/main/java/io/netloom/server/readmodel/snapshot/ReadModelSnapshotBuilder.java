package io.netloom.server.readmodel.snapshot;

import io.netloom.projections.directory.Directory;
import io.netloom.projections.networkmap.NetworkMaps;
import java.time.Clock;
import java.util.Optional;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Writes a read-model snapshot without touching the live models (ADR 0054, decision 4): it builds models of its own —
 * the newest snapshot plus the events after it, read from the store in store order — so they stand at exactly the
 * position of the last event it applied, gaps included, and stores them with that position. The live directory is
 * changed in commit order by the threads that commit, never at one store position, so it cannot be copied at one; and
 * nothing live waits while this runs. The cost is a second copy of the models for the time of one build.
 */
@Component
public class ReadModelSnapshotBuilder {

    private static final Logger log = LoggerFactory.getLogger(ReadModelSnapshotBuilder.class);

    /** A snapshot written: its id, its position and how many events it took beyond the one it started from. */
    public record Written(long id, GapAwareTrackingToken position, long eventsAfterPrevious, long bytes) {
    }

    private final ReadModelRestore restore;
    private final ReadModelSnapshotCodec codec;
    private final ReadModelSnapshotStore store;
    private final ReadModelSnapshotProperties properties;
    private final Clock clock;

    public ReadModelSnapshotBuilder(ReadModelRestore restore, ReadModelSnapshotCodec codec,
            ReadModelSnapshotStore store, ReadModelSnapshotProperties properties, Clock clock) {
        this.restore = restore;
        this.codec = codec;
        this.store = store;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Builds and stores a snapshot at the end of the store; empty when nothing came after the newest one and that one
     * is of the current format.
     */
    public synchronized Optional<Written> build() {
        long started = System.nanoTime();
        Directory directory = new Directory();
        NetworkMaps maps = new NetworkMaps(false);
        ReadModelRestore.Restored restored = restore.restore(directory, maps);
        boolean currentFormat = restored.snapshot()
                .map(snapshot -> snapshot.format() == ReadModelSnapshotCodec.FORMAT).orElse(true);
        if (restored.eventsReplayed() == 0 && currentFormat) {
            return Optional.empty();
        }
        if (!(restored.position() instanceof GapAwareTrackingToken position)) {
            throw new IllegalStateException("the event store's positions are not gap-aware: " + restored.position());
        }
        ReadModelSnapshotCodec.Encoded encoded = codec.encode(directory, maps);
        long id = store.save(ReadModelSnapshotCodec.FORMAT, position, clock.instant(), encoded, properties.keep());
        log.info("Read-model snapshot {} written at position {} ({} gaps): {} events after the previous one, {} bytes,"
                + " {} ms", id, position.getIndex(), position.getGaps().size(), restored.eventsReplayed(),
                encoded.size(), (System.nanoTime() - started) / 1_000_000);
        return Optional.of(new Written(id, position, restored.eventsReplayed(), encoded.size()));
    }
}
