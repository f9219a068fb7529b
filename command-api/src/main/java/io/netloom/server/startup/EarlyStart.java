package io.netloom.server.startup;

import io.netloom.server.database.EmbeddedDatabase;
import io.netloom.server.readmodel.snapshot.ReadModelSnapshotLoader;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@link EarlyStartInitializer} began before Spring created a bean (ADR 0064): the embedded database, if the
 * server has one, and the newest read-model snapshot's models. Registered as a singleton so that the beans that
 * would otherwise do the same work take it over. The database has exactly one owner: the bean that takes it, or,
 * when the start fails before any does, {@link #abandonUnlessTaken()}, which stops it.
 */
public final class EarlyStart {

    private static final Logger log = LoggerFactory.getLogger(EarlyStart.class);

    private final CompletableFuture<EmbeddedDatabase> database = new CompletableFuture<>();
    private final CompletableFuture<Optional<ReadModelSnapshotLoader.Loaded>> snapshot = new CompletableFuture<>();
    private final AtomicBoolean claimed = new AtomicBoolean();

    /**
     * The started embedded database (null when the server uses an external one), once it is up; from then on the
     * caller owns it.
     */
    public EmbeddedDatabase takeDatabase() throws IOException {
        if (!claimed.compareAndSet(false, true)) {
            throw new IllegalStateException("the early database was already taken or abandoned");
        }
        try {
            return database.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof IOException failure) {
                throw failure;
            }
            throw e.getCause() instanceof RuntimeException failure ? failure : e;
        }
    }

    /**
     * For a start that failed before a bean took the database: waits until the early thread has it (it may still be
     * unpacking or starting it) and stops it, so that no PostgreSQL outlives the failed start.
     */
    public void abandonUnlessTaken() {
        if (!claimed.compareAndSet(false, true)) {
            return;
        }
        EmbeddedDatabase started;
        try {
            started = database.join();
        } catch (CompletionException notStarted) {
            return;
        }
        if (started != null) {
            try {
                started.close();
            } catch (IOException e) {
                log.warn("The embedded PostgreSQL started early did not stop cleanly: {}", e.getMessage());
            }
        }
    }

    /**
     * The snapshot's models, empty when there is none; completes with null when the early load did not happen (the
     * schema needed migrating, or no database was reachable this early), and the load is left to the migration
     * strategy as before.
     */
    public CompletableFuture<Optional<ReadModelSnapshotLoader.Loaded>> snapshot() {
        return snapshot;
    }

    CompletableFuture<EmbeddedDatabase> database() {
        return database;
    }
}
