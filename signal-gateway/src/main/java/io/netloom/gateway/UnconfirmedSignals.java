package io.netloom.gateway;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The signals a session wrote to its peer since it last heard from that peer: the ones a connection that died
 * unnoticed (the peer's public address changed, its NAT forgot the connection) may have swallowed. When the peer
 * connects again and its new session replaces this one, the recent ones are written again there (ADR 0048), so a
 * negotiation another peer began meanwhile goes on instead of waiting for its own timeouts. Sealed end to end and
 * numbered, a signal the peer did get once is refused there as a replay and changes nothing.
 *
 * <p>Bounded in count and age; time is passed in (nanoseconds of {@link System#nanoTime()}); thread-safe, since the
 * replacing session reads it from another event loop.
 */
final class UnconfirmedSignals {

    /** Older signals belong to negotiations that have timed out and started over by now. */
    static final Duration KEPT_FOR = Duration.ofSeconds(10);
    static final int MAX_SIGNALS = 32;

    private record Written(String message, long atNanos) {
    }

    private final Deque<Written> written = new ArrayDeque<>();

    synchronized void written(String message, long nowNanos) {
        if (written.size() == MAX_SIGNALS) {
            written.removeFirst();
        }
        written.addLast(new Written(message, nowNanos));
    }

    /** Anything from the peer means its connection carried what was written before. */
    synchronized void heard() {
        written.clear();
    }

    /** The signals written within {@link #KEPT_FOR} of {@code nowNanos}, oldest first; hands them over once. */
    synchronized List<String> takeRecent(long nowNanos) {
        List<String> recent = written.stream()
                .filter(signal -> nowNanos - signal.atNanos() <= KEPT_FOR.toNanos())
                .map(Written::message)
                .toList();
        written.clear();
        return recent;
    }
}
