package io.netloom.domain.user;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Restores the user's peers as they were. An admin lifts any block; SCIM and the directory sync lift only the
 * blocks they set (otherwise a no-op), so that an admin's block survives a provider that still lists the person
 * as active.
 */
public record UnblockUserCommand(@TargetAggregateIdentifier UserId userId, AccountId accountId,
        OffboardingCause cause) {
}
