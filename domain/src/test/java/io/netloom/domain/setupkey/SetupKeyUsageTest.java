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
        assertThatCode(() -> new SetupKeyUsage(false, EXPIRES_AT, 0, 10).requireUsableAt(BEFORE_EXPIRY))
                .doesNotThrowAnyException();
    }

    @Test
    void requireUsableWhenRevokedThenRejected() {
        assertRejected(new SetupKeyUsage(true, EXPIRES_AT, 0, 0), BEFORE_EXPIRY, "setup key is revoked");
    }

    @Test
    void requireUsableWhenRevokedAndExpiredThenRevocationReported() {
        assertRejected(new SetupKeyUsage(true, EXPIRES_AT, 0, 0), EXPIRES_AT.plusSeconds(1), "setup key is revoked");
    }

    @Test
    void requireUsableWhenUsedAtExpiryThenRejected() {
        assertRejected(new SetupKeyUsage(false, EXPIRES_AT, 0, 0), EXPIRES_AT, "setup key has expired");
    }

    @Test
    void requireUsableWhenOneOffAlreadyUsedThenRejected() {
        assertRejected(new SetupKeyUsage(false, EXPIRES_AT, 1, 1), BEFORE_EXPIRY, "setup key usage limit reached");
    }

    @Test
    void requireUsableWhenUsedMoreOftenThanTheLimitThenRejected() {
        assertRejected(new SetupKeyUsage(false, EXPIRES_AT, 3, 4), BEFORE_EXPIRY, "setup key usage limit reached");
    }

    @Test
    void requireUsableWhenBelowLimitThenAccepted() {
        assertThatCode(() -> new SetupKeyUsage(false, EXPIRES_AT, 3, 2).requireUsableAt(BEFORE_EXPIRY))
                .doesNotThrowAnyException();
    }

    private static void assertRejected(SetupKeyUsage usage, Instant now, String message) {
        assertThatThrownBy(() -> usage.requireUsableAt(now))
                .isInstanceOf(CommandRejectedException.class)
                .hasMessage(message)
                .matches(e -> ((CommandRejectedException) e).reason() == RejectionReason.PRECONDITION_FAILED);
    }
}
