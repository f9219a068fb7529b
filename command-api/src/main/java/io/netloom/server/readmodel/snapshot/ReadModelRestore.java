package io.netloom.server.readmodel.snapshot;

import io.netloom.projections.directory.Directory;
import io.netloom.projections.directory.DirectoryProjection;
import io.netloom.projections.networkmap.NetworkMaps;
import io.netloom.projections.networkmap.projection.NetworkMapProjection;
import io.netloom.server.identity.IdentityProperties;
import io.netloom.server.readmodel.StartupReplay;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Brings empty read models up to the end of the event store (ADR 0054): the newest snapshot that can be read, then the
 * events after its position through {@link StartupReplay}; without a readable snapshot, every event. A snapshot that
 * cannot be read (another format, damaged, a part missing) is logged and passed over, never a reason to fail, and
 * never leaves part of itself in the models. Used by the start-up (the live models) and by the snapshot builder (its
 * own).
 */
@Component
public class ReadModelRestore {

    private static final Logger log = LoggerFactory.getLogger(ReadModelRestore.class);

    /**
     * Where the models came from and where they stand.
     *
     * @param snapshot the snapshot they were restored from; empty when they were replayed from the first event
     * @param eventsReplayed how many events were applied after it
     * @param position the position of the last event applied (the snapshot's when none was); null for an empty store
     */
    public record Restored(Optional<ReadModelSnapshotStore.Stored> snapshot, long eventsReplayed,
            TrackingToken position) {
    }

    private final ReadModelSnapshotStore store;
    private final ReadModelSnapshotCodec codec;
    private final EventStorageEngine storageEngine;
    private final IdentityProperties identity;

    public ReadModelRestore(ReadModelSnapshotStore store, ReadModelSnapshotCodec codec,
            EventStorageEngine storageEngine, IdentityProperties identity) {
        this.store = store;
        this.codec = codec;
        this.storageEngine = storageEngine;
        this.identity = identity;
    }

    /** Fills empty models through the projections that feed them ({@code directoryProjection} writes to
     * {@code directory}, {@code mapProjection} to {@code maps}). */
    public Restored restore(Directory directory, NetworkMaps maps, DirectoryProjection directoryProjection,
            NetworkMapProjection mapProjection) {
        Optional<ReadModelSnapshotStore.Stored> snapshot = newestReadable(directory, maps);
        AtomicReference<TrackingToken> position = new AtomicReference<>(
                snapshot.map(ReadModelSnapshotStore.Stored::token).orElse(null));
        long events;
        try (Stream<? extends TrackedEventMessage<?>> tail = storageEngine.readEvents(position.get(), false)) {
            events = StartupReplay.run(tail.peek(event -> position.set(event.trackingToken())), directoryProjection,
                    mapProjection);
        }
        return new Restored(snapshot, events, position.get());
    }

    /** As {@link #restore} into models of the caller's own, with projections of their own. */
    public Restored restore(Directory directory, NetworkMaps maps) {
        return restore(directory, maps, new DirectoryProjection(directory),
                new NetworkMapProjection(maps, identity.offboardSetupKeyPeers()));
    }

    private Optional<ReadModelSnapshotStore.Stored> newestReadable(Directory directory, NetworkMaps maps) {
        try {
            for (ReadModelSnapshotStore.Stored stored : store.newestFirst()) {
                if (stored.format() != ReadModelSnapshotCodec.FORMAT) {
                    log.warn("read-model snapshot {} is of format {}, this server reads {}: passed over", stored.id(),
                            stored.format(), ReadModelSnapshotCodec.FORMAT);
                    continue;
                }
                if (decoded(stored, directory, maps)) {
                    return Optional.of(stored);
                }
            }
        } catch (RuntimeException e) {
            log.warn("read-model snapshots cannot be listed, replaying every event: {}", e.getMessage(), e);
        }
        return Optional.empty();
    }

    private boolean decoded(ReadModelSnapshotStore.Stored stored, Directory directory, NetworkMaps maps) {
        try {
            var parts = store.parts(stored.id());
            if (parts.isEmpty()) {
                log.warn("read-model snapshot {} lacks a part: passed over", stored.id());
                return false;
            }
            codec.decodeInto(parts.get(), directory, maps);
            return true;
        } catch (RuntimeException e) {
            log.warn("read-model snapshot {} cannot be read, passed over: {}", stored.id(), e.getMessage(), e);
            directory.clear();
            maps.clear();
            return false;
        }
    }
}
