package io.netloom.server.limits;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed attempts per source and says when a source has used up its allowance: a generic
 * cell rate algorithm, where every failure adds {@code window / allowed} of debt that drains in real
 * time, and a source whose debt leaves no room for another failure is blocked until it does.
 * So {@code allowed} failures pass at once, then one per {@code window / allowed}, and a source
 * that stops failing is forgotten after at most {@code window}. Successes cost nothing.
 *
 * <p>The table holds at most {@code capacity} sources (give or take the failures being recorded
 * at that very moment): when it is full, sources that are paid up
 * are swept out (at most once per tenth of the window, so that a flood of new addresses does not
 * make every failure scan the table), and if none is, an arbitrary one makes room: only an attacker
 * with more addresses than the capacity can fill it, and he gains at most a fresh allowance for
 * some of them.
 * Time is passed in (milliseconds), so this class reads no clock of its own.
 */
final class FailureLimiter {

    private final long debtPerFailure;
    private final long window;
    private final int capacity;
    private final long sweepInterval;
    private final Map<String, Long> paidUpAt = new ConcurrentHashMap<>();
    private volatile long nextSweep = Long.MIN_VALUE;

    FailureLimiter(int allowed, Duration window, int capacity) {
        this.window = window.toMillis();
        this.debtPerFailure = this.window / allowed;
        this.capacity = capacity;
        this.sweepInterval = Math.max(1, this.window / 10);
    }

    /** How long the source must wait before its next attempt is looked at; empty if it may try now. */
    Optional<Duration> blockedFor(String source, long nowMillis) {
        Long paidUp = paidUpAt.get(source);
        if (paidUp == null) {
            return Optional.empty();
        }
        long wait = paidUp - nowMillis - (window - debtPerFailure);
        return wait > 0 ? Optional.of(Duration.ofMillis(wait)) : Optional.empty();
    }

    /** Records a failure; true if it used up the source's allowance (so callers can log it once). */
    boolean recordFailure(String source, long nowMillis) {
        if (paidUpAt.size() >= capacity && !paidUpAt.containsKey(source)) {
            makeRoom(nowMillis);
        }
        long paidUp = paidUpAt.merge(source, nowMillis + debtPerFailure,
                (previous, ignored) -> Math.max(previous, nowMillis) + debtPerFailure);
        return paidUp - nowMillis > window - debtPerFailure;
    }

    int trackedSources() {
        return paidUpAt.size();
    }

    private void makeRoom(long nowMillis) {
        if (nowMillis >= nextSweep) {
            nextSweep = nowMillis + sweepInterval;
            paidUpAt.values().removeIf(paidUp -> paidUp <= nowMillis);
        }
        // A hundredth of the table goes at once: each eviction walks the table from its start, so
        // evicting one source per failure would cost a walk per failure under a flood.
        int excess = paidUpAt.size() - capacity + 1;
        if (excess > 0) {
            int evict = excess + capacity / 100;
            Iterator<String> any = paidUpAt.keySet().iterator();
            while (evict-- > 0 && any.hasNext()) {
                any.next();
                any.remove();
            }
        }
    }
}
