package io.netloom.server.readmodel;

import io.netloom.projections.directory.Directory;
import io.netloom.projections.directory.DirectoryProjection;
import io.netloom.projections.networkmap.NetworkMaps;
import io.netloom.projections.networkmap.projection.NetworkMapProjection;
import io.netloom.server.audit.chain.ChainBackfill;
import io.netloom.server.audit.chain.ChainFacts;
import io.netloom.server.bootstrap.FirstStartBootstrap;
import io.netloom.server.claims.ClaimsBackfill;
import io.netloom.server.readmodel.snapshot.ReadModelRestore;
import io.netloom.server.readmodel.snapshot.ReadModelSnapshotPreload;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs after Axon has started its processors and before the gateway and the web server accept
 * anyone: links every stored event that has no hash-chain link yet (a store that predates the chain,
 * ADR 0034) and records the payload type and peers of every link that lacks them (ADR 0035, decision
 * 11), rebuilds the in-memory read models — the directory and every network map — from the
 * newest readable snapshot and the events after it (ADR 0054), or from the whole event store in one pass, claims what the claims tables lack (a store that predates them, ADR
 * 0011), then creates the first account if there is none. No request and no peer can therefore see
 * a half-built model. The network-map tracking processor starts at the
 * head of the store (NetworkMapConfiguration), so it takes over exactly where this replay ends:
 * nothing can be appended in between, since nothing that writes is open yet.
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
    private final NetworkMapFreshness networkMapFreshness;
    private final NetworkMaps networkMaps;
    private final ClaimsBackfill claimsBackfill;
    private final ChainBackfill chainBackfill;
    private final ChainFacts chainFacts;
    private volatile boolean running;
    private volatile ReadModelRestore.Restored restored;

    public StartupSequence(ReadModelSnapshotPreload snapshot, ReadModelRestore restore, Directory directory, DirectoryProjection directoryProjection,
            NetworkMapProjection networkMapProjection, FirstStartBootstrap bootstrap,
            NetworkMapFreshness networkMapFreshness, NetworkMaps networkMaps, ClaimsBackfill claimsBackfill,
            ChainBackfill chainBackfill, ChainFacts chainFacts) {
        this.snapshot = snapshot;
        this.restore = restore;
        this.directory = directory;
        this.directoryProjection = directoryProjection;
        this.networkMapProjection = networkMapProjection;
        this.bootstrap = bootstrap;
        this.networkMapFreshness = networkMapFreshness;
        this.networkMaps = networkMaps;
        this.claimsBackfill = claimsBackfill;
        this.chainBackfill = chainBackfill;
        this.chainFacts = chainFacts;
    }

    @Override
    public void start() {
        chainBackfill.linkWhatIsMissing();
        chainFacts.fillWhatIsMissing();
        replay();
        claimsBackfill.claimWhatIsMissing();
        if (!networkMapFreshness.awaitEventsStoredBefore(CATCH_UP_LIMIT)) {
            throw new IllegalStateException("the network-map processor did not reach the head of the event store");
        }
        networkMaps.retainHistory();
        bootstrap.createFirstAccountIfEmpty();
        running = true;
    }

    private void replay() {
        long started = System.nanoTime();
        var loaded = snapshot.await();
        long waited = (System.nanoTime() - started) / 1_000_000;
        restored = restore.restore(loaded, directory, networkMaps, directoryProjection, networkMapProjection);
        log.info("Read models and network maps rebuilt from {} and {} events after it in {} ms (of which {} ms waiting"
                + " for the snapshot)", loaded.map(models -> "read-model snapshot " + models.snapshot().id()
                        + " at position " + models.snapshot().token().getIndex() + " (decoded in " + models.millis()
                        + " ms from the end of the migrations)").orElse("nothing"),
                restored.eventsReplayed(), (System.nanoTime() - started) / 1_000_000, waited);
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
