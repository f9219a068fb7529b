package io.netloom.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Which signals a replaced session hands to its successor: written since the peer was last heard, and recent. */
class UnconfirmedSignalsTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();
    private final UnconfirmedSignals signals = new UnconfirmedSignals();

    @Test
    void takeRecentWhenNothingHeardSinceThenEverySignalOldestFirst() {
        signals.written("handshake", 0);
        signals.written("offer", SECOND);

        assertThat(signals.takeRecent(2 * SECOND)).containsExactly("handshake", "offer");
    }

    @Test
    void takeRecentWhenThePeerWasHeardAfterThenNothing() {
        signals.written("handshake", 0);
        signals.heard();
        signals.written("offer", SECOND);

        assertThat(signals.takeRecent(2 * SECOND)).containsExactly("offer");
    }

    @Test
    void takeRecentWhenOlderThanKeptForThenLeftOut() {
        signals.written("stale", 0);
        signals.written("fresh", UnconfirmedSignals.KEPT_FOR.toNanos());

        assertThat(signals.takeRecent(UnconfirmedSignals.KEPT_FOR.toNanos() + 1)).containsExactly("fresh");
    }

    @Test
    void takeRecentWhenTakenOnceThenEmptyAfter() {
        signals.written("offer", 0);
        signals.takeRecent(SECOND);

        assertThat(signals.takeRecent(SECOND)).isEmpty();
    }

    @Test
    void writtenWhenMoreThanTheBoundThenTheOldestGo() {
        IntStream.range(0, UnconfirmedSignals.MAX_SIGNALS + 5).forEach(i -> signals.written("s" + i, i));

        assertThat(signals.takeRecent(SECOND)).hasSize(UnconfirmedSignals.MAX_SIGNALS).first().isEqualTo("s5");
    }
}
