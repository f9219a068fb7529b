package io.netloom.server.readmodel;

import io.netloom.projections.directory.DirectoryProjection;
import io.netloom.server.bootstrap.FirstStartBootstrap;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs after Axon has started its processors and before the web server accepts requests: rebuilds
 * the in-memory read model from the event store, waits for the network-map processor to replay it
 * too, then creates the first account if there is none. No request can therefore see a half-built
 * model.
 */
@Component
public class StartupSequence implements SmartLifecycle {

    /** Between Axon's start (Integer.MAX_VALUE - 3072) and the web server's (Integer.MAX_VALUE - 1024). */
    private static final int PHASE = Integer.MAX_VALUE - 2048;
    private static final Duration NETWORK_MAP_REPLAY_LIMIT = Duration.ofMinutes(30);
    private static final Logger log = LoggerFactory.getLogger(StartupSequence.class);

    private final EventStorageEngine storageEngine;
    private final DirectoryProjection directoryProjection;
    private final FirstStartBootstrap bootstrap;
    private final NetworkMapFreshness networkMaps;
    private volatile boolean running;

    public StartupSequence(
            EventStorageEngine storageEngine, DirectoryProjection directoryProjection, FirstStartBootstrap bootstrap,
            NetworkMapFreshness networkMaps) {
        this.storageEngine = storageEngine;
        this.directoryProjection = directoryProjection;
        this.bootstrap = bootstrap;
        this.networkMaps = networkMaps;
    }

    @Override
    public void start() {
        replayDirectory();
        awaitNetworkMaps();
        bootstrap.createFirstAccountIfEmpty();
        running = true;
    }

    private void replayDirectory() {
        long started = System.nanoTime();
        AnnotationEventHandlerAdapter handler = new AnnotationEventHandlerAdapter(directoryProjection);
        AtomicLong count = new AtomicLong();
        try (Stream<? extends TrackedEventMessage<?>> events = storageEngine.readEvents(null, false)) {
            events.forEach(event -> {
                try {
                    handler.handle(event);
                } catch (Exception e) {
                    throw new IllegalStateException("cannot replay event " + event.getIdentifier(), e);
                }
                count.incrementAndGet();
            });
        }
        log.info("Read model rebuilt from {} events in {} ms", count.get(), (System.nanoTime() - started) / 1_000_000);
    }

    /** Peers must never be served a map rebuilt halfway, so the server opens only once it is complete. */
    private void awaitNetworkMaps() {
        long started = System.nanoTime();
        if (!networkMaps.awaitEventsStoredBefore(NETWORK_MAP_REPLAY_LIMIT)) {
            throw new IllegalStateException("network maps not rebuilt within " + NETWORK_MAP_REPLAY_LIMIT);
        }
        log.info("Network maps rebuilt in {} ms", (System.nanoTime() - started) / 1_000_000);
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
