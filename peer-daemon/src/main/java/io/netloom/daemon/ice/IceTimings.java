package io.netloom.daemon.ice;

import java.time.Duration;
import java.util.Objects;

/**
 * The timers of a {@link PeerConnection}; {@link #defaults()} suits production, tests shorten them.
 *
 * @param answerTimeout how long the controlling side waits for an answer before re-sending the offer (doubles
 *     with each resend)
 * @param offerAttempts offers sent per negotiation before it is abandoned and a fresh one (new session) is
 *     scheduled with backoff
 * @param negotiationTimeout the longest a negotiation may take from sending/receiving the description to a selected
 *     pair (ICE normally fails by itself well before)
 * @param restartBackoffMin first delay before the controlling side restarts after a failure
 * @param restartBackoffMax cap of the exponentially growing restart delay
 * @param quietAfter a path from which nothing (WireGuard data, path probes) arrived for this long, or whose remote
 *     end reports the same about us, is quiet: the controlling side negotiates a replacement at once and keeps
 *     sending on the quiet path until the new one is selected, so that a direct path that stops working falls back
 *     to the relay within seconds (issue 15)
 * @param inactivityTimeout a path quiet for this long is dead: the connection shows "connecting" and the controlling
 *     side negotiates anew (unless a replacement is already under way)
 * @param probeInterval how often the proxy sends a path probe (RTT measurement and liveness) on the active path;
 *     the remote's reply alone keeps the path heard from every interval, whatever the remote's own interval, which
 *     is what a routing peer's liveness counts on (1 s by default: silent for 3 intervals means gone, ADR 0032)
 * @param upgradeInterval how often the controlling side tries to replace a RELAYED path with a P2P one
 * @param oldPathGrace how long a replaced path keeps receiving after the switch before its agent is freed
 */
public record IceTimings(
        Duration answerTimeout,
        int offerAttempts,
        Duration negotiationTimeout,
        Duration restartBackoffMin,
        Duration restartBackoffMax,
        Duration quietAfter,
        Duration inactivityTimeout,
        Duration probeInterval,
        Duration upgradeInterval,
        Duration oldPathGrace) {

    public IceTimings {
        positive(answerTimeout, "answerTimeout");
        positive(negotiationTimeout, "negotiationTimeout");
        positive(restartBackoffMin, "restartBackoffMin");
        positive(restartBackoffMax, "restartBackoffMax");
        positive(quietAfter, "quietAfter");
        positive(inactivityTimeout, "inactivityTimeout");
        positive(probeInterval, "probeInterval");
        positive(upgradeInterval, "upgradeInterval");
        Objects.requireNonNull(oldPathGrace, "oldPathGrace");
        if (offerAttempts < 1) {
            throw new IllegalArgumentException("offerAttempts must be at least 1");
        }
        if (restartBackoffMax.compareTo(restartBackoffMin) < 0) {
            throw new IllegalArgumentException("restartBackoffMax is shorter than restartBackoffMin");
        }
    }

    /**
     * Probes every second, a replacement after 1.5 s of quiet and a dead path after 6 s (issue 15: a dead path
     * noticed within 10 s, at most 3 s of traffic lost falling back). Both sides probe, so a path normally hears
     * from the remote about every half second (its requests and its replies to ours): one lost datagram does not
     * make it quiet, two or three in a row do.
     */
    public static IceTimings defaults() {
        return new IceTimings(Duration.ofSeconds(5), 4, Duration.ofSeconds(45), Duration.ofSeconds(1),
                Duration.ofSeconds(60), Duration.ofMillis(1500), Duration.ofSeconds(6), Duration.ofSeconds(1),
                Duration.ofSeconds(30), Duration.ofSeconds(3));
    }

    public IceTimings withAnswerTimeout(Duration value) {
        return new IceTimings(value, offerAttempts, negotiationTimeout, restartBackoffMin, restartBackoffMax,
                quietAfter, inactivityTimeout, probeInterval, upgradeInterval, oldPathGrace);
    }

    public IceTimings withRestartBackoff(Duration min, Duration max) {
        return new IceTimings(answerTimeout, offerAttempts, negotiationTimeout, min, max, quietAfter,
                inactivityTimeout, probeInterval, upgradeInterval, oldPathGrace);
    }

    public IceTimings withQuietAfter(Duration value) {
        return new IceTimings(answerTimeout, offerAttempts, negotiationTimeout, restartBackoffMin, restartBackoffMax,
                value, inactivityTimeout, probeInterval, upgradeInterval, oldPathGrace);
    }

    public IceTimings withInactivityTimeout(Duration value) {
        return new IceTimings(answerTimeout, offerAttempts, negotiationTimeout, restartBackoffMin, restartBackoffMax,
                quietAfter, value, probeInterval, upgradeInterval, oldPathGrace);
    }

    public IceTimings withProbeInterval(Duration value) {
        return new IceTimings(answerTimeout, offerAttempts, negotiationTimeout, restartBackoffMin, restartBackoffMax,
                quietAfter, inactivityTimeout, value, upgradeInterval, oldPathGrace);
    }

    public IceTimings withUpgradeInterval(Duration value) {
        return new IceTimings(answerTimeout, offerAttempts, negotiationTimeout, restartBackoffMin, restartBackoffMax,
                quietAfter, inactivityTimeout, probeInterval, value, oldPathGrace);
    }

    public IceTimings withNegotiationTimeout(Duration value) {
        return new IceTimings(answerTimeout, offerAttempts, value, restartBackoffMin, restartBackoffMax, quietAfter,
                inactivityTimeout, probeInterval, upgradeInterval, oldPathGrace);
    }

    private static void positive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
