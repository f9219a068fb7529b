package io.netloom.server.identity.logout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netloom.testsupport.MovableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SeenLogoutTokensTest {

    private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");
    private static final Duration WINDOW = Duration.ofMinutes(3);

    private final MovableClock clock = new MovableClock(NOW);
    private final SeenLogoutTokens seen = new SeenLogoutTokens(clock, 2);

    @Test
    void firstTimeWhenSameKeyWithinItsWindowThenFalse() {
        assertThat(seen.firstTime("kc a", NOW.plus(WINDOW))).isTrue();

        assertThat(seen.firstTime("kc a", NOW.plus(WINDOW))).isFalse();
        assertThat(seen.firstTime("other a", NOW.plus(WINDOW))).isTrue();
    }

    @Test
    void firstTimeWhenFullOfLiveIdentifiersThenRefusedRatherThanForgettingOne() {
        seen.firstTime("kc a", NOW.plus(WINDOW));
        seen.firstTime("kc b", NOW.plus(WINDOW));

        assertThatThrownBy(() -> seen.firstTime("kc c", NOW.plus(WINDOW)))
                .isInstanceOf(InvalidLogoutTokenException.class);
        assertThat(seen.firstTime("kc a", NOW.plus(WINDOW))).isFalse();
    }

    @Test
    void firstTimeWhenFullButWindowsPassedThenExpiredForgottenAndAccepted() {
        seen.firstTime("kc a", NOW.plus(WINDOW));
        seen.firstTime("kc b", NOW.plus(WINDOW));
        clock.advance(WINDOW.plusSeconds(1));

        assertThat(seen.firstTime("kc c", clock.instant().plus(WINDOW))).isTrue();
        assertThat(seen.size()).isEqualTo(1);
    }
}
