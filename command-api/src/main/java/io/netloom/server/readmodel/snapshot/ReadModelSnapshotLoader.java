package io.netloom.server.readmodel.snapshot;

import io.netloom.projections.directory.Directory;
import io.netloom.projections.networkmap.NetworkMaps;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads the newest read-model snapshot that can be read into new models (ADR 0054). One that cannot — another
 * format, damaged bytes, a part missing — is logged and passed over for the next older one, never a reason to fail,
 * and leaves nothing of itself behind; with none left, there is nothing to start from but the first event.
 */
@Component
public class ReadModelSnapshotLoader {

    private static final Logger log = LoggerFactory.getLogger(ReadModelSnapshotLoader.class);

    /** Models as a snapshot holds them, and the snapshot they come from. */
    public record Loaded(ReadModelSnapshotStore.Stored snapshot, Directory directory, NetworkMaps networkMaps,
            long millis) {
    }

    private final ReadModelSnapshotStore store;
    private final ReadModelSnapshotCodec codec;

    public ReadModelSnapshotLoader(ReadModelSnapshotStore store, ReadModelSnapshotCodec codec) {
        this.store = store;
        this.codec = codec;
    }

    public Optional<Loaded> loadNewest() {
        long started = System.nanoTime();
        try {
            for (ReadModelSnapshotStore.Stored stored : store.newestFirst()) {
                if (!ReadModelSnapshotCodec.reads(stored.format())) {
                    log.warn("read-model snapshot {} is of format {}, which this server does not read: passed over",
                            stored.id(), stored.format());
                    continue;
                }
                Optional<Loaded> loaded = load(stored, started);
                if (loaded.isPresent()) {
                    return loaded;
                }
            }
        } catch (RuntimeException e) {
            log.warn("read-model snapshots cannot be listed, replaying every event: {}", e.getMessage(), e);
        }
        return Optional.empty();
    }

    private Optional<Loaded> load(ReadModelSnapshotStore.Stored stored, long started) {
        try {
            Optional<ReadModelSnapshotCodec.Encoded> parts = store.parts(stored.id());
            if (parts.isEmpty()) {
                log.warn("read-model snapshot {} lacks a part: passed over", stored.id());
                return Optional.empty();
            }
            ReadModelSnapshotCodec.ReadModels models = codec.decode(stored.format(), parts.get(), false);
            return Optional.of(new Loaded(stored, models.directory(), models.networkMaps(),
                    (System.nanoTime() - started) / 1_000_000));
        } catch (RuntimeException e) {
            log.warn("read-model snapshot {} cannot be read, passed over: {}", stored.id(), e.getMessage(), e);
            return Optional.empty();
        }
    }
}
