package io.netloom.server.readmodel.snapshot;

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
 * Flyway (no migration strategy called) the load starts when the start-up first asks for it.
 */
@Configuration(proxyBeanMethods = false)
public class ReadModelSnapshotPreload {

    private final ObjectProvider<ReadModelSnapshotLoader> loader;
    private CompletableFuture<Optional<ReadModelSnapshotLoader.Loaded>> loading;

    public ReadModelSnapshotPreload(ObjectProvider<ReadModelSnapshotLoader> loader) {
        this.loader = loader;
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
            ReadModelSnapshotLoader snapshots = loader.getObject();
            loading = new CompletableFuture<>();
            Thread thread = new Thread(() -> {
                try {
                    loading.complete(snapshots.loadNewest());
                } catch (RuntimeException | Error e) {
                    loading.completeExceptionally(e);
                }
            }, "read-model-snapshot-load");
            thread.setDaemon(true);
            thread.start();
        }
        return loading;
    }
}
