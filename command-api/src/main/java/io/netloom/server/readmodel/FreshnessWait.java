package io.netloom.server.readmodel;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;

/**
 * Decides whether the local read models have handled every event stored up to a head position, and waits for them.
 * Positions, not coverage: a processor whose position reached the head has handled every event stored up to it,
 * except the events its token still lists as gaps. A gap is an index taken by a transaction that had not committed
 * when the processor read past it — one that will commit (another writer, possibly another process) or one that
 * rolled back and never will. Only the first kind is waited for: one query asks which of the gaps below the head
 * are stored events, so a rolled-back append does not hold every reader for Axon's gap timeout (60 s).
 */
final class FreshnessWait {

    private static final Duration POLL = Duration.ofMillis(1);

    private final Supplier<TrackingToken> head;
    private final Supplier<List<TrackingToken>> positions;
    private final Function<Collection<Long>, Set<Long>> storedAmong;

    /**
     * @param head the head of the event store now (one query), null for an empty store
     * @param positions the token of every local read-model processor segment (null for one that has handled
     *     nothing); empty while none runs
     * @param storedAmong which of the given global indexes are stored events
     */
    FreshnessWait(Supplier<TrackingToken> head, Supplier<List<TrackingToken>> positions,
            Function<Collection<Long>, Set<Long>> storedAmong) {
        this.head = head;
        this.positions = positions;
        this.storedAmong = storedAmong;
    }

    /** Waits, at most {@code patience}, until every event stored before this call is handled; returns whether it is. */
    boolean awaitStoredBefore(Duration patience) {
        TrackingToken now = head.get();
        if (now == null) {
            return true;
        }
        long target = now.position().orElse(Long.MAX_VALUE);
        long deadline = System.nanoTime() + patience.toNanos();
        while (!handledUpTo(target)) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** The position of the furthest-behind segment, -1 for one that handled nothing; empty while none runs. */
    OptionalLong position() {
        return positions.get().stream().mapToLong(FreshnessWait::positionOf).min();
    }

    private boolean handledUpTo(long target) {
        List<TrackingToken> tokens = positions.get();
        if (tokens.isEmpty() || tokens.stream().anyMatch(token -> positionOf(token) < target)) {
            return false;
        }
        Set<Long> gaps = new TreeSet<>();
        for (TrackingToken token : tokens) {
            if (token instanceof GapAwareTrackingToken gapAware) {
                gaps.addAll(gapAware.getGaps().headSet(target + 1));
            }
        }
        return gaps.isEmpty() || storedAmong.apply(gaps).isEmpty();
    }

    private static long positionOf(TrackingToken token) {
        return token == null ? -1 : token.position().orElse(-1);
    }
}
