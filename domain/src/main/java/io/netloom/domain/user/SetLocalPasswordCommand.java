package io.netloom.domain.user;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Gives a person a password for the embedded user store. Only its hash (Argon2id, encoded) reaches the
 * domain; {@code changeRequired} makes the person choose a new one at the next sign-in.
 */
public record SetLocalPasswordCommand(
        @TargetAggregateIdentifier UserId userId,
        AccountId accountId,
        String passwordHash,
        boolean changeRequired) {
}
