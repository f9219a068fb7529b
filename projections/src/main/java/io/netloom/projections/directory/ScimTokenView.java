package io.netloom.projections.directory;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.TokenId;
import io.netloom.domain.ids.UserId;
import java.time.Instant;
import java.util.Optional;

/**
 * A SCIM client's bearer token as far as it is known: its hash, never the token.
 *
 * @param identityProvider "" unless the client's {@code externalId}s are that upstream provider's subjects
 * @param expiresAt null when the token lasts until it is revoked
 */
public record ScimTokenView(
        TokenId id,
        AccountId accountId,
        String name,
        String hash,
        String identityProvider,
        UserId createdBy,
        Instant createdAt,
        Instant expiresAt) {

    public boolean isExpiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    public Optional<String> boundProvider() {
        return identityProvider.isEmpty() ? Optional.empty() : Optional.of(identityProvider);
    }
}
