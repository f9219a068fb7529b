package io.netloom.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TurnRefreshScheduleTest {

    @Test
    void delayAfterSendingWhenValidForADayThenTwelveHours() {
        assertThat(TurnRefreshSchedule.delayAfterSending(Duration.ofHours(24))).isEqualTo(Duration.ofHours(12));
    }

    @Test
    void delayAfterSendingWhenShortLifetimeThenHalfOfIt() {
        assertThat(TurnRefreshSchedule.delayAfterSending(Duration.ofSeconds(20))).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void delayAfterSendingWhenLifetimeBelowTwoSecondsThenTheMinimum() {
        assertThat(TurnRefreshSchedule.delayAfterSending(Duration.ofMillis(500))).isEqualTo(Duration.ofSeconds(1));
        assertThat(TurnRefreshSchedule.delayAfterSending(Duration.ZERO)).isEqualTo(Duration.ofSeconds(1));
    }
}
