package io.netloom.daemon.relay;

import java.time.Duration;
import java.util.Objects;

/**
 * The clocks of a TURN allocation.
 *
 * @param requestTimeout how long one request (with its retransmissions over UDP) may take before the relay counts
 *     as unreachable
 * @param firstRetransmit the first UDP retransmission timeout; it doubles after each retransmission (RFC 8489 §6.2.1)
 * @param allocationLifetime the lifetime asked for; the server may grant less, and the allocation is refreshed at
 *     half of what it granted
 * @param permissionLifetime how long the server keeps a permission (RFC 8656: 300 s; coturn's
 *     {@code permission-lifetime})
 * @param channelLifetime how long the server keeps a channel binding (RFC 8656: 600 s; coturn's
 *     {@code channel-lifetime})
 */
public record TurnTimings(Duration requestTimeout, Duration firstRetransmit, Duration allocationLifetime,
        Duration permissionLifetime, Duration channelLifetime) {

    public TurnTimings {
        for (Duration duration : new Duration[] {requestTimeout, firstRetransmit, allocationLifetime,
                permissionLifetime, channelLifetime}) {
            Objects.requireNonNull(duration, "a TURN timing is missing");
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("TURN timings must be positive: " + duration);
            }
        }
    }

    /** RFC 8656's lifetimes; a relay that does not answer within 10 s counts as gone. */
    public static TurnTimings defaults() {
        return new TurnTimings(Duration.ofSeconds(10), Duration.ofMillis(500), Duration.ofSeconds(600),
                Duration.ofSeconds(300), Duration.ofSeconds(600));
    }

    /**
     * How often each peer's channel is bound again. A ChannelBind refreshes both the channel and the permission of
     * the peer's address (RFC 8656 §12), so one request per peer keeps both; half the shorter lifetime leaves room
     * for one lost refresh.
     */
    Duration peerRefreshInterval() {
        Duration shorter = permissionLifetime.compareTo(channelLifetime) < 0 ? permissionLifetime : channelLifetime;
        return shorter.dividedBy(2);
    }
}
