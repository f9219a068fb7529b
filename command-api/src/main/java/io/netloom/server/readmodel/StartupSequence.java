package io.netloom.server.readmodel;

import io.netloom.projections.directory.Directory;
import io.netloom.projections.directory.DirectoryProjection;
import io.netloom.projections.networkmap.NetworkMaps;
import io.netloom.projections.networkmap.projection.NetworkMapProjection;
import io.netloom.server.audit.chain.ChainBackfill;
import io.netloom.server.audit.chain.ChainFacts;
import io.netloom.server.bootstrap.FirstStartBootstrap;
import io.netloom.server.claims.ClaimsBackfill;
import io.netloom.server.cluster.StartUpTurns;
import io.netloom.server.readmodel.snapshot.ReadModelRestore;
import io.netloom.server.readmodel.snapshot.ReadModelSnapshotPreload;
import java.time.Duration;
import org.axonframework.eventhandling.TrackingToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs after Axon has started its processors and before the gateway and the web server accept
 * anyone: links every stored event that has no hash-chain link yet (a store that predates the chain,
 * ADR 0034) and records the payload type and peers of every link that lacks them (ADR 0035, decision
 * 11), rebuilds the in-memory read models — the directory and every network map — from the
 * newest readable snapshot and the events after it (ADR 0054), or from the whole event store in one pass, claims
 * what the claims tables lack (a store that predates them, ADR 0011), then creates the first account if there is
 * none. The steps that write to the database run in this process's turn among the processes starting on it at the
 * same time (ADR 0056). No request and no peer can therefore see a half-built model. The tracking processors that
 * keep the models current then start from the last event this replay applied ({@link ReadModelTail}), so they take
 * over exactly where it ended, also when another process appends meanwhile.
 */
@Component
public class StartupSequence implements SmartLifecycle {

    /** Between Axon's start (Integer.MAX_VALUE - 3072) and the web server's (Integer.MAX_VALUE - 1024). */
    private static final int PHASE = Integer.MAX_VALUE - 2048;
    private static final Duration CATCH_UP_LIMIT = Duration.ofMinutes(1);
    private static final Logger log = LoggerFactory.getLogger(StartupSequence.class);

    private final ReadModelSnapshotPreload snapshot;
    private final ReadModelRestore restore;
    private final Directory directory;
    private final DirectoryProjection directoryProjection;
    private final NetworkMapProjection networkMapProjection;
    private final FirstStartBootstrap bootstrap;
    private final ReadModelTail tail;
    private final ReadModelFreshness freshness;
    private final NetworkMaps networkMaps;
    private final ClaimsBackfill claimsBackfill;
    private final ChainBackfill chainBackfill;
    private final ChainFacts chainFacts;
    private final StartUpTurns turns;
    private volatile boolean running;
    private volatile ReadModelRestore.Restored restored;

    public StartupSequence(ReadModelSnapshotPreload snapshot, ReadModelRestore restore, Directory directory,
            DirectoryProjection directoryProjection, NetworkMapProjection networkMapProjection,
            FirstStartBootstrap bootstrap, ReadModelTail tail, ReadModelFreshness freshness, NetworkMaps networkMaps,
            ClaimsBackfill claimsBackfill, ChainBackfill chainBackfill, ChainFacts chainFacts, StartUpTurns turns) {
        this.snapshot = snapshot;
        this.restore = restore;
        this.directory = directory;
        this.directoryProjection = directoryProjection;
        this.networkMapProjection = networkMapProjection;
        this.bootstrap = bootstrap;
        this.tail = tail;
        this.freshness = freshness;
        this.networkMaps = networkMaps;
        this.claimsBackfill = claimsBackfill;
        this.chainBackfill = chainBackfill;
        this.chainFacts = chainFacts;
        this.turns = turns;
    }

    @Override
    public void start() {
        // Processes starting together on one database take the steps that write one at a time (ADR 0056).
        turns.inTurn("the hash chain's backfill", () -> {
            chainBackfill.linkWhatIsMissing();
            chainFacts.fillWhatIsMissing();
        });
        tail.continueFrom(replay());
        turns.inTurn("the claims' backfill", claimsBackfill::claimWhatIsMissing);
        if (!freshness.awaitEventsStoredBefore(CATCH_UP_LIMIT)) {
            throw new IllegalStateException("the read-model processors did not reach the head of the event store");
        }
        networkMaps.retainHistory();
        turns.inTurn("the first account", bootstrap::createFirstAccountIfEmpty);
        running = true;
    }

    /** Fills the models from a snapshot and the store; returns the token of the last event applied, null for none. */
    private TrackingToken replay() {
        long started = System.nanoTime();
        var loaded = snapshot.await();
        long waited = (System.nanoTime() - started) / 1_000_000;
        restored = restore.restore(loaded, directory, networkMaps, directoryProjection, networkMapProjection);
        log.info("Read models and network maps rebuilt from {} and {} events after it in {} ms (of which {} ms waiting"
                + " for the snapshot)", loaded.map(models -> "read-model snapshot " + models.snapshot().id()
                        + " at position " + models.snapshot().token().getIndex() + " (decoded in " + models.millis()
                        + " ms from the start of its load)").orElse("nothing"),
                restored.eventsReplayed(), (System.nanoTime() - started) / 1_000_000, waited);
        return restored.position();
    }

    /** Where this start's read models came from and the position the replay ended at; null before the start. */
    public ReadModelRestore.Restored restored() {
        return restored;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
