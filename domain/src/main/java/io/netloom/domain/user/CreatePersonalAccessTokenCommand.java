package io.netloom.domain.user;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.TokenId;
import io.netloom.domain.ids.UserId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Carries only the token's hash: the plain token is shown to the caller once and never enters the domain. */
public record CreatePersonalAccessTokenCommand(
        @TargetAggregateIdentifier UserId userId,
        AccountId accountId,
        TokenId tokenId,
        String name,
        String tokenHash,
        Instant createdAt,
        Instant expiresAt,
        UserId createdBy) {
}
