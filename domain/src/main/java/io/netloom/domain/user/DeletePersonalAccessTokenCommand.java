package io.netloom.domain.user;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.TokenId;
import io.netloom.domain.ids.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record DeletePersonalAccessTokenCommand(
        @TargetAggregateIdentifier UserId userId,
        AccountId accountId,
        TokenId tokenId) {
}
