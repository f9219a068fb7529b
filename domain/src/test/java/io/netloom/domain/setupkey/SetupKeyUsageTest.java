package io.netloom.domain.setupkey;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.common.RejectionReason;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SetupKeyUsageTest {

    private static final Instant EXPIRES_AT = Instant.parse("2026-12-01T00:00:00Z");
    private static final Instant BEFORE_EXPIRY = EXPIRES_AT.minusSeconds(1);

    @Test
    void requireUsableWhenValidThenAccepted() {
        assertThatCode(() -> new SetupKeyUsage(false, EXPIRES_AT, 0, 10).requireUsableAt(BEFORE_EXPIRY, 5))
                .doesNotThrowAnyException();
    }

    @Test
    void requireUsableWhenRevokedThenRejected() {
        assertRejected(new SetupKeyUsage(true, EXPIRES_AT, 0, 0), BEFORE_EXPIRY, 0, "setup key is revoked");
    }

    @Test
    void requireUsableWhenRevokedAndExpiredThenRevocationReported() {
        assertRejected(new SetupKeyUsage(true, EXPIRES_AT, 0, 0), EXPIRES_AT.plusSeconds(1), 0, "setup key is revoked");
    }

    @Test
    void requireUsableWhenUsedAtExpiryThenRejected() {
        assertRejected(new SetupKeyUsage(false, EXPIRES_AT, 0, 0), EXPIRES_AT, 0, "setup key has expired");
    }

    @Test
    void requireUsableWhenOneOffAlreadyUsedThenRejected() {
        assertRejected(new SetupKeyUsage(false, EXPIRES_AT, 1, 1), BEFORE_EXPIRY, 0, "setup key usage limit reached");
    }

    @Test
    void requireUsableWhenLimitReachedByEnrollmentsInFlightThenRejected() {
        assertRejected(new SetupKeyUsage(false, EXPIRES_AT, 3, 1), BEFORE_EXPIRY, 2, "setup key usage limit reached");
    }

    @Test
    void requireUsableWhenBelowLimitThenAccepted() {
        assertThatCode(() -> new SetupKeyUsage(false, EXPIRES_AT, 3, 1).requireUsableAt(BEFORE_EXPIRY, 1))
                .doesNotThrowAnyException();
    }

    private static void assertRejected(SetupKeyUsage usage, Instant now, int pending, String message) {
        assertThatThrownBy(() -> usage.requireUsableAt(now, pending))
                .isInstanceOf(CommandRejectedException.class)
                .hasMessage(message)
                .matches(e -> ((CommandRejectedException) e).reason() == RejectionReason.PRECONDITION_FAILED);
    }
}
