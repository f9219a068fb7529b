package io.netloom.domain.setupkey;

import io.netloom.domain.common.CommandRejectedException;
import java.time.Instant;

/**
 * Whether a setup key may enroll one more device, judged by the enrollments recorded so far
 * ({@code usedTimes}). Enrollments in flight are not counted here: the server counts each use in
 * the transaction that records it, against the same limit, so parallel enrollments can never
 * together exceed it (ADR 0011).
 *
 * @param usageLimit 0 means unlimited (a one-off key always has 1)
 */
public record SetupKeyUsage(boolean revoked, Instant expiresAt, int usageLimit, int usedTimes) {

    public static final String LIMIT_REACHED = "setup key usage limit reached";

    public void requireUsableAt(Instant now) {
        if (revoked) {
            throw CommandRejectedException.preconditionFailed("setup key is revoked");
        }
        if (!now.isBefore(expiresAt)) {
            throw CommandRejectedException.preconditionFailed("setup key has expired");
        }
        if (usageLimit > 0 && usedTimes >= usageLimit) {
            throw CommandRejectedException.preconditionFailed(LIMIT_REACHED);
        }
    }
}
