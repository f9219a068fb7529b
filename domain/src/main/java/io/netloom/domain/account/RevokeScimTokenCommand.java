package io.netloom.domain.account;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.TokenId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RevokeScimTokenCommand(@TargetAggregateIdentifier AccountId accountId, TokenId tokenId) {
}
