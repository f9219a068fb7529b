package io.netloom.domain.user;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Cuts every peer of the user; a no-op for a user who is already blocked, whoever blocked them. */
public record BlockUserCommand(@TargetAggregateIdentifier UserId userId, AccountId accountId, OffboardingCause cause) {
}
