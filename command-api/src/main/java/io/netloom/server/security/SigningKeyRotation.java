package io.netloom.server.security;

import io.netloom.server.scheduling.PeriodicTask;
import java.time.Duration;

/**
 * Checks the signing keys while the server runs, not only at start: a server up for months still rotates. A failed
 * check keeps the current key in use.
 */
final class SigningKeyRotation extends PeriodicTask {

    static final Duration CHECK_EVERY = Duration.ofMinutes(1);

    private final SigningKeyRing ring;

    SigningKeyRotation(SigningKeyRing ring) {
        super("jwt-key-rotation", CHECK_EVERY, CHECK_EVERY, DEFAULT_PHASE);
        this.ring = ring;
    }

    @Override
    protected void runOnce() throws Exception {
        ring.rotateIfDue();
    }
}
