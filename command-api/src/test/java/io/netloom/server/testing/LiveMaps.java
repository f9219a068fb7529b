package io.netloom.server.testing;

import io.netloom.projections.networkmap.projection.NetworkMapProjection;
import java.time.Duration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The live network maps follow the event store in their own tracking processor; a test that compares them with
 * what was stored waits for them to catch up first.
 */
public final class LiveMaps {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final JdbcTemplate jdbc;
    private final EventProcessingConfiguration processing;

    public LiveMaps(JdbcTemplate jdbc, EventProcessingConfiguration processing) {
        this.jdbc = jdbc;
        this.processing = processing;
    }

    /** Waits until the maps have applied every event stored so far. */
    public void awaitCaughtUp() throws InterruptedException {
        Long head = jdbc.queryForObject("SELECT max(globalindex) FROM domainevententry", Long.class);
        TrackingEventProcessor processor = processing.eventProcessor(NetworkMapProjection.PROCESSING_GROUP,
                TrackingEventProcessor.class).orElseThrow();
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (processor.processingStatus().values().stream().noneMatch(status ->
                status.getCurrentPosition().orElse(-1) >= head)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the live maps did not reach event " + head + " within " + PATIENCE);
            }
            Thread.sleep(10);
        }
    }
}
