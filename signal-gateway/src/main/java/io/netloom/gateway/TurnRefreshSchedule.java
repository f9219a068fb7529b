package io.netloom.gateway;

import java.time.Duration;

/**
 * When a session sends the next TURN credentials: at half the validity of the ones just sent, so a daemon that
 * misses one renewal (a reconnect in between) still holds valid credentials when the next arrives. Never sooner
 * than {@link #MINIMUM}, so a misconfigured lifetime cannot turn into a flood.
 */
final class TurnRefreshSchedule {

    static final Duration MINIMUM = Duration.ofSeconds(1);

    private TurnRefreshSchedule() {
    }

    static Duration delayAfterSending(Duration validFor) {
        Duration half = validFor.dividedBy(2);
        return half.compareTo(MINIMUM) < 0 ? MINIMUM : half;
    }
}
