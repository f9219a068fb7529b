package io.netloom.server.security;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/** Checks the signing keys while the server runs, not only at start: a server up for months still rotates. */
final class SigningKeyRotation implements SmartLifecycle {

    static final Duration CHECK_EVERY = Duration.ofMinutes(1);

    private static final Logger log = LoggerFactory.getLogger(SigningKeyRotation.class);

    private final SigningKeyRing ring;
    private ScheduledExecutorService scheduler;

    SigningKeyRotation(SigningKeyRing ring) {
        this.ring = ring;
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "jwt-key-rotation");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::check, CHECK_EVERY.toMillis(), CHECK_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void check() {
        try {
            ring.rotateIfDue();
        } catch (Exception e) {
            // Keep checking: the current key stays in use, and the next check tries again.
            log.error("JWT signing key rotation failed: {}", e.getMessage(), e);
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
}
