package io.netloom.server.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FailureLimiterTest {

    private static final long MINUTE = 60_000;

    private final FailureLimiter limiter = new FailureLimiter(3, Duration.ofMinutes(1), 100);

    @Test
    void blockedForWhenAllowanceUsedUpThenBlockedUntilOneFailureIsForgiven() {
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.blockedFor("192.0.2.1", 0)).isEmpty();
            limiter.recordFailure("192.0.2.1", 0);
        }

        assertThat(limiter.blockedFor("192.0.2.1", 0)).contains(Duration.ofSeconds(20));
        assertThat(limiter.blockedFor("192.0.2.1", 19_999)).contains(Duration.ofMillis(1));
        assertThat(limiter.blockedFor("192.0.2.1", 20_000)).isEmpty();
        assertThat(limiter.blockedFor("192.0.2.2", 0)).as("another source").isEmpty();
    }

    @Test
    void recordFailureWhenItUsesUpTheAllowanceThenTrueOnlyFromThen() {
        assertThat(limiter.recordFailure("192.0.2.1", 0)).isFalse();
        assertThat(limiter.recordFailure("192.0.2.1", 0)).isFalse();
        assertThat(limiter.recordFailure("192.0.2.1", 0)).isTrue();
    }

    @Test
    void blockedForWhenFailuresSpreadOutSlowerThanTheWindowForgivesThenNeverBlocked() {
        for (long now = 0; now < 10 * MINUTE; now += 20_000) {
            assertThat(limiter.blockedFor("192.0.2.1", now)).isEmpty();
            limiter.recordFailure("192.0.2.1", now);
        }
    }

    @Test
    void blockedForWhenSourceKeepsFailingWhileBlockedThenItsWaitDoesNotGrowBeyondTheWindow() {
        for (int i = 0; i < 3; i++) {
            limiter.recordFailure("192.0.2.1", 0);
        }

        // The filter never lets a blocked source reach the check that could fail again.
        assertThat(limiter.blockedFor("192.0.2.1", 0).orElseThrow()).isLessThanOrEqualTo(Duration.ofMinutes(1));
        assertThat(limiter.blockedFor("192.0.2.1", MINUTE)).isEmpty();
    }

    @Test
    void recordFailureWhenTableFullThenPaidUpSourcesAreSweptFirst() {
        FailureLimiter small = new FailureLimiter(3, Duration.ofMinutes(1), 2);
        small.recordFailure("192.0.2.1", 0);
        for (int i = 0; i < 3; i++) {
            small.recordFailure("192.0.2.2", 30_000);
        }

        small.recordFailure("192.0.2.3", 30_000);

        assertThat(small.trackedSources()).isEqualTo(2);
        assertThat(small.blockedFor("192.0.2.2", 30_000)).as("still owing, so kept").isPresent();
    }

    @Test
    void recordFailureWhenManySourcesThenTableNeverExceedsItsCapacity() {
        FailureLimiter small = new FailureLimiter(3, Duration.ofMinutes(1), 1000);

        for (int i = 0; i < 100_000; i++) {
            small.recordFailure("198.18." + (i >> 8) + "." + (i & 0xff), i);
        }

        assertThat(small.trackedSources()).isLessThanOrEqualTo(1000);
    }
}
