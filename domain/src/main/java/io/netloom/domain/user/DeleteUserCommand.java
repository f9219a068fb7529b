package io.netloom.domain.user;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record DeleteUserCommand(@TargetAggregateIdentifier UserId userId, AccountId accountId, OffboardingCause cause) {
}
