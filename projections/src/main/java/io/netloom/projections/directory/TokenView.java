package io.netloom.projections.directory;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.TokenId;
import io.netloom.domain.ids.UserId;
import java.time.Instant;

/** A personal access token as far as it is known: its hash, never the token. */
public record TokenView(
        TokenId id,
        UserId userId,
        AccountId accountId,
        String name,
        String hash,
        Instant createdAt,
        Instant expiresAt,
        UserId createdBy) {

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
