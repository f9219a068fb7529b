package io.netloom.daemon.sync;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sequence numbers for outgoing signals. The gateway refuses a number it has seen from this sender
 * to that recipient, across daemon restarts too, and the recipient one not above the last it
 * accepted, so numbers start at the clock (microseconds) and only grow.
 */
public final class SignalSequence {

    private final Clock clock;
    private final AtomicLong last = new AtomicLong();

    public SignalSequence(Clock clock) {
        this.clock = clock;
    }

    public long next() {
        Instant now = clock.instant();
        long micros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
        return last.updateAndGet(previous -> Math.max(previous + 1, micros));
    }
}
