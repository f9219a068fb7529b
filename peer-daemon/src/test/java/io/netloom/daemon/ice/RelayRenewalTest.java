package io.netloom.daemon.ice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RelayRenewalTest {

    private static final Duration DAY = Duration.ofHours(24);

    @Test
    void isDueWhenLifetimeUnknownThenNever() {
        assertThat(RelayRenewal.isDue(Duration.ofDays(30), null, null)).isFalse();
    }

    @Test
    void isDueWhenThreeEighthsOfTheLifetimeHavePassedThenDue() {
        assertThat(RelayRenewal.isDue(Duration.ofHours(9).minusSeconds(1), null, DAY)).isFalse();
        assertThat(RelayRenewal.isDue(Duration.ofHours(9), null, DAY)).isTrue();
        assertThat(RelayRenewal.isDue(Duration.ofMillis(7_499), null, Duration.ofSeconds(20))).isFalse();
        assertThat(RelayRenewal.isDue(Duration.ofMillis(7_500), null, Duration.ofSeconds(20))).isTrue();
    }

    @Test
    void isDueWhenAnAttemptBeganLessThanAnEighthAgoThenNotYet() {
        assertThat(RelayRenewal.isDue(Duration.ofHours(10), Duration.ofHours(3).minusSeconds(1), DAY)).isFalse();
        assertThat(RelayRenewal.isDue(Duration.ofHours(10), Duration.ofHours(3), DAY)).isTrue();
    }
}
