package io.netloom.domain.user;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.TokenId;
import io.netloom.domain.ids.UserId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

@Revision("1")
public record PersonalAccessTokenCreatedEvent(
        UserId userId,
        AccountId accountId,
        TokenId tokenId,
        String name,
        String tokenHash,
        Instant createdAt,
        Instant expiresAt,
        UserId createdBy) {
}
