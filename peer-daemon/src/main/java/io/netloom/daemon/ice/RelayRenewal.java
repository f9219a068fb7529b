package io.netloom.daemon.ice;

import java.time.Duration;

/**
 * When the controlling side renegotiates a healthy RELAYED path so that no TURN allocation outlives the
 * credentials it was made with. The gateway renews every peer's credentials at half their lifetime {@code L}, so
 * each side allocates with credentials that have at least {@code L/2} left; renegotiating {@code 3L/8} after a
 * path was established leaves {@code L/8} for the new negotiation to finish before the older side's credentials
 * expire. A renewal that fails is tried again every {@code L/8}, while the current path keeps carrying traffic.
 */
final class RelayRenewal {

    private RelayRenewal() {
    }

    /**
     * @param sinceEstablished how long the current path has been in use
     * @param sinceLastAttempt how long ago the last renewal began ({@code null}: none for this path)
     * @param lifetime the lifetime of the credentials this device receives ({@code null}: unknown, never renew)
     */
    static boolean isDue(Duration sinceEstablished, Duration sinceLastAttempt, Duration lifetime) {
        if (lifetime == null || lifetime.isZero() || lifetime.isNegative()) {
            return false;
        }
        Duration retry = lifetime.dividedBy(8);
        return sinceEstablished.compareTo(retry.multipliedBy(3)) >= 0
                && (sinceLastAttempt == null || sinceLastAttempt.compareTo(retry) >= 0);
    }
}
