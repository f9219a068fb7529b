package io.netloom.domain.setupkey;

import io.netloom.domain.common.CommandRejectedException;
import java.time.Instant;

/**
 * Whether a setup key may enroll one more device. {@code usedTimes} counts the enrollments recorded
 * so far and {@code pendingUses} those still in flight, so that parallel enrollments can never
 * together exceed the limit.
 *
 * @param usageLimit 0 means unlimited (a one-off key always has 1)
 */
public record SetupKeyUsage(boolean revoked, Instant expiresAt, int usageLimit, int usedTimes) {

    public void requireUsableAt(Instant now, int pendingUses) {
        if (revoked) {
            throw CommandRejectedException.preconditionFailed("setup key is revoked");
        }
        if (!now.isBefore(expiresAt)) {
            throw CommandRejectedException.preconditionFailed("setup key has expired");
        }
        if (usageLimit > 0 && usedTimes + pendingUses >= usageLimit) {
            throw CommandRejectedException.preconditionFailed("setup key usage limit reached");
        }
    }
}
