package io.netloom.server.startup;

import io.netloom.server.database.EmbeddedDatabase;
import io.netloom.server.readmodel.snapshot.ReadModelSnapshotLoader;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What {@link EarlyStartInitializer} began before Spring created a bean (ADR 0064): the embedded database, if the
 * server has one, and the newest read-model snapshot's models. Registered as a singleton so that the beans that
 * would otherwise do the same work take it over.
 *
 * @param database the started embedded database; null when the server uses an external one
 * @param snapshot the snapshot's models, empty when there is none; completes with null when the early load did not
 *     happen (the schema needed migrating, or no database was reachable this early), and the load is left to the
 *     migration strategy as before
 */
public record EarlyStart(CompletableFuture<EmbeddedDatabase> database,
        CompletableFuture<Optional<ReadModelSnapshotLoader.Loaded>> snapshot) {
}
