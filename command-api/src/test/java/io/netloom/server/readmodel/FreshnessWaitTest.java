package io.netloom.server.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.Test;

class FreshnessWaitTest {

    /** Long enough never to run out in these tests: each of them is decided by the tokens, not by time. */
    private static final Duration AMPLE = Duration.ofMinutes(5);

    private final Set<Long> stored = new HashSet<>();
    private final List<Collection<Long>> gapQueries = new ArrayList<>();

    @Test
    void awaitStoredBeforeWhenStoreEmptyThenTrueWithoutLookingAtProcessors() {
        FreshnessWait wait = new FreshnessWait(() -> null, () -> {
            throw new AssertionError("no processor needs asking");
        }, this::storedAmong);

        assertThat(wait.awaitStoredBefore(Duration.ZERO)).isTrue();
    }

    @Test
    void awaitStoredBeforeWhenEveryProcessorAtHeadThenTrueWithoutGapQuery() {
        FreshnessWait wait = waitFor(token(7), () -> List.of(token(7), token(9)));

        assertThat(wait.awaitStoredBefore(Duration.ZERO)).isTrue();
        assertThat(gapQueries).isEmpty();
    }

    @Test
    void awaitStoredBeforeWhenOneProcessorBehindAndNoPatienceThenFalse() {
        FreshnessWait wait = waitFor(token(7), () -> List.of(token(7), token(6)));

        assertThat(wait.awaitStoredBefore(Duration.ZERO)).isFalse();
    }

    @Test
    void awaitStoredBeforeWhenProcessorHandledNothingYetThenFalse() {
        List<TrackingToken> nothingHandled = new ArrayList<>();
        nothingHandled.add(null);
        FreshnessWait wait = waitFor(token(0), () -> nothingHandled);

        assertThat(wait.awaitStoredBefore(Duration.ZERO)).isFalse();
    }

    @Test
    void awaitStoredBeforeWhenNoProcessorRunsThenFalse() {
        FreshnessWait wait = waitFor(token(3), List::of);

        assertThat(wait.awaitStoredBefore(Duration.ZERO)).isFalse();
    }

    @Test
    void awaitStoredBeforeWhenProcessorCatchesUpWhileWaitingThenTrue() {
        AtomicInteger asked = new AtomicInteger();
        FreshnessWait wait = waitFor(token(10), () -> List.of(token(asked.incrementAndGet() < 4 ? 8 : 10)));

        assertThat(wait.awaitStoredBefore(AMPLE)).isTrue();
        assertThat(asked).hasValue(4);
    }

    @Test
    void awaitStoredBeforeWhenGapBelowHeadIsStoredEventThenWaitsForItsFill() {
        // Index 5 was taken by a transaction that committed after the processor read 6: its event is not handled.
        stored.add(5L);
        FreshnessWait stillGapped = waitFor(token(6), () -> List.of(token(6, 5)));
        assertThat(stillGapped.awaitStoredBefore(Duration.ZERO)).isFalse();

        AtomicInteger asked = new AtomicInteger();
        FreshnessWait filledLater = waitFor(token(6), () -> List.of(asked.incrementAndGet() < 3 ? token(6, 5) : token(6)));
        assertThat(filledLater.awaitStoredBefore(AMPLE)).isTrue();
        assertThat(gapQueries).containsOnly(List.of(5L));
    }

    @Test
    void awaitStoredBeforeWhenGapBelowHeadWasRolledBackThenTrue() {
        // Index 5 was taken by a transaction that rolled back: no event will ever fill it.
        FreshnessWait wait = waitFor(token(6), () -> List.of(token(6, 5)));

        assertThat(wait.awaitStoredBefore(Duration.ZERO)).isTrue();
        assertThat(gapQueries).containsExactly(List.of(5L));
    }

    @Test
    void awaitStoredBeforeWhenGapsAboveHeadThenNotAsked() {
        // The head was taken before a later writer's gap appeared: that writer's events are not waited for.
        FreshnessWait wait = waitFor(token(6), () -> List.of(token(9, 7, 8)));

        assertThat(wait.awaitStoredBefore(Duration.ZERO)).isTrue();
        assertThat(gapQueries).isEmpty();
    }

    @Test
    void positionWhenSegmentsDifferThenFurthestBehind() {
        FreshnessWait wait = waitFor(token(9), () -> Arrays.asList(token(9), token(4), null));

        assertThat(wait.position()).hasValue(-1);
        assertThat(waitFor(token(9), () -> List.of(token(9), token(4))).position()).hasValue(4);
        assertThat(waitFor(token(9), List::of).position()).isEmpty();
    }

    private FreshnessWait waitFor(TrackingToken head, Supplier<List<TrackingToken>> positions) {
        return new FreshnessWait(() -> head, positions, this::storedAmong);
    }

    private Set<Long> storedAmong(Collection<Long> indexes) {
        gapQueries.add(List.copyOf(indexes));
        Set<Long> found = new HashSet<>(indexes);
        found.retainAll(stored);
        return found;
    }

    private static TrackingToken token(long position, long... gaps) {
        return GapAwareTrackingToken.newInstance(position, Arrays.stream(gaps).boxed().toList());
    }
}
