package io.netloom.server.login;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs {@link PeerLoginExpiry} while the server runs, from the moment the read models are rebuilt: a login is
 * cut at most {@link #CHECK_EVERY} after it falls due.
 */
@Component
class PeerLoginExpiryScheduler implements SmartLifecycle {

    static final Duration CHECK_EVERY = Duration.ofSeconds(30);

    /** After the start-up replay (Integer.MAX_VALUE - 2048), so that the first sweep sees the whole store. */
    private static final int PHASE = Integer.MAX_VALUE - 2000;
    private static final Logger log = LoggerFactory.getLogger(PeerLoginExpiryScheduler.class);

    private final PeerLoginExpiry expiry;
    private ScheduledExecutorService scheduler;

    PeerLoginExpiryScheduler(PeerLoginExpiry expiry) {
        this.expiry = expiry;
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "peer-login-expiry");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::sweep, 0, CHECK_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sweep() {
        try {
            expiry.sweep();
        } catch (RuntimeException e) {
            // A failed sweep leaves every login as it was; the next one tries again.
            log.error("Peer login expiry sweep failed: {}", e.getMessage(), e);
        }
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
