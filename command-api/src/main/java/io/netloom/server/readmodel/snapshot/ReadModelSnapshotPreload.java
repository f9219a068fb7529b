package io.netloom.server.readmodel.snapshot;

import io.netloom.server.startup.EarlyStart;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Decodes the newest read-model snapshot on a thread of its own from the moment the migrations are done, while
 * Spring goes on creating the rest of the server (ADR 0054): decoding takes seconds, most of them JSON read by a
 * Jackson not warmed up yet, and the start-up replay needs the models only once everything else stands. Without
 * Flyway (no migration strategy called) the load starts when the start-up first asks for it. When the server was
 * launched with {@link io.netloom.server.startup.EarlyStartInitializer}, the snapshot was usually decoded before
 * Spring got here (ADR 0064); this takes those models over, and loads as above only when that early load declined.
 */
@Configuration(proxyBeanMethods = false)
public class ReadModelSnapshotPreload {

    private final ObjectProvider<ReadModelSnapshotLoader> loader;
    private final ObjectProvider<EarlyStart> early;
    private CompletableFuture<Optional<ReadModelSnapshotLoader.Loaded>> loading;

    public ReadModelSnapshotPreload(ObjectProvider<ReadModelSnapshotLoader> loader, ObjectProvider<EarlyStart> early) {
        this.loader = loader;
        this.early = early;
    }

    @Bean
    FlywayMigrationStrategy migrateThenLoadReadModelSnapshot() {
        return flyway -> {
            flyway.migrate();
            start();
        };
    }

    /** The newest readable snapshot's models, once decoded; empty when there is none. */
    public Optional<ReadModelSnapshotLoader.Loaded> await() {
        return start().join();
    }

    private synchronized CompletableFuture<Optional<ReadModelSnapshotLoader.Loaded>> start() {
        if (loading == null) {
            // Resolved here, on Spring's thread: a bean is not to be created from the early start's thread.
            ReadModelSnapshotLoader snapshots = loader.getObject();
            EarlyStart started = early.getIfAvailable();
            // Loaded before Spring got here (ADR 0064), or, when that did not happen, from now on.
            loading = started == null ? load(snapshots) : started.snapshot()
                    .thenCompose(loaded -> loaded != null ? CompletableFuture.completedFuture(loaded) : load(snapshots));
        }
        return loading;
    }

    private static CompletableFuture<Optional<ReadModelSnapshotLoader.Loaded>> load(ReadModelSnapshotLoader snapshots) {
        CompletableFuture<Optional<ReadModelSnapshotLoader.Loaded>> loading = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                loading.complete(snapshots.loadNewest());
            } catch (RuntimeException | Error e) {
                loading.completeExceptionally(e);
            }
        }, "read-model-snapshot-load");
        thread.setDaemon(true);
        thread.start();
        return loading;
    }
}
