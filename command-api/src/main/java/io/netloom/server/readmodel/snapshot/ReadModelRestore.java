package io.netloom.server.readmodel.snapshot;

import io.netloom.projections.directory.Directory;
import io.netloom.projections.directory.DirectoryProjection;
import io.netloom.projections.networkmap.NetworkMaps;
import io.netloom.projections.networkmap.projection.NetworkMapProjection;
import io.netloom.server.identity.IdentityProperties;
import io.netloom.server.readmodel.StartupReplay;
import java.util.Optional;
import java.util.stream.Stream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.stereotype.Component;

/**
 * Brings empty read models up to the end of the event store (ADR 0054): what a snapshot holds, then the events after
 * its position through {@link StartupReplay}; without a snapshot, every event. Used by the start-up (the live models)
 * and by the snapshot builder (its own).
 */
@Component
public class ReadModelRestore {

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

    private final ReadModelSnapshotLoader loader;
    private final EventStorageEngine storageEngine;
    private final IdentityProperties identity;

    public ReadModelRestore(ReadModelSnapshotLoader loader, EventStorageEngine storageEngine,
            IdentityProperties identity) {
        this.loader = loader;
        this.storageEngine = storageEngine;
        this.identity = identity;
    }

    /**
     * Fills empty models with what {@code snapshot} holds and applies the events after it through the projections
     * that feed them ({@code directoryProjection} writes to {@code directory}, {@code mapProjection} to {@code maps}).
     */
    public Restored restore(Optional<ReadModelSnapshotLoader.Loaded> snapshot, Directory directory, NetworkMaps maps,
            DirectoryProjection directoryProjection, NetworkMapProjection mapProjection) {
        snapshot.ifPresent(loaded -> {
            directory.restore(loaded.directory());
            maps.restore(loaded.networkMaps());
        });
        TrackingToken from = snapshot.map(loaded -> (TrackingToken) loaded.snapshot().token()).orElse(null);
        StartupReplay.Result replayed;
        try (Stream<? extends TrackedEventMessage<?>> tail = storageEngine.readEvents(from, false)) {
            replayed = StartupReplay.run(tail, directoryProjection, mapProjection);
        }
        return new Restored(snapshot.map(ReadModelSnapshotLoader.Loaded::snapshot), replayed.count(),
                replayed.lastToken() != null ? replayed.lastToken() : from);
    }

    /** New models from the newest readable snapshot and the events after it, with projections of their own. */
    public Restored restore(Directory directory, NetworkMaps maps) {
        return restore(loader.loadNewest(), directory, maps, new DirectoryProjection(directory),
                new NetworkMapProjection(maps, identity.offboardSetupKeyPeers()));
    }
}
