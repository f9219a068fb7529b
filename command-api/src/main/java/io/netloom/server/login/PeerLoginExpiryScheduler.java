package io.netloom.server.login;

import io.netloom.server.cluster.Leadership;
import io.netloom.server.scheduling.PeriodicTask;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Runs {@link PeerLoginExpiry} while the server runs, from the moment the read models are rebuilt: a login is
 * cut at most {@link #CHECK_EVERY} after it falls due.
 */
@Component
class PeerLoginExpiryScheduler extends PeriodicTask {

    static final Duration CHECK_EVERY = Duration.ofSeconds(30);

    /** After the start-up replay (Integer.MAX_VALUE - 2048), so that the first sweep sees the whole store. */
    private static final int PHASE = Integer.MAX_VALUE - 2000;

    private final PeerLoginExpiry expiry;
    private final Leadership leadership;

    PeerLoginExpiryScheduler(PeerLoginExpiry expiry, Leadership leadership) {
        super("peer-login-expiry", Duration.ZERO, CHECK_EVERY, PHASE);
        this.expiry = expiry;
        this.leadership = leadership;
    }

    @Override
    protected void runOnce() {
        // Once per cluster (ADR 0056): every process would send the same expiries, all but one refused.
        if (leadership.isLeader()) {
            expiry.sweep();
        }
    }
}
