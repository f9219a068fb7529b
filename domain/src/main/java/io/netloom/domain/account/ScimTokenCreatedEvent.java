package io.netloom.domain.account;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.TokenId;
import io.netloom.domain.ids.UserId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** @param identityProvider "" when the token is bound to no provider; @param expiresAt null when it never expires */
@Revision("1")
public record ScimTokenCreatedEvent(
        AccountId accountId,
        TokenId tokenId,
        String name,
        String tokenHash,
        String identityProvider,
        UserId createdBy,
        Instant createdAt,
        Instant expiresAt) {
}
