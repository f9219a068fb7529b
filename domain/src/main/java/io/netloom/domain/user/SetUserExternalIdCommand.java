package io.netloom.domain.user;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The id a provisioning client knows the person by; no-op if unchanged.
 *
 * @param identityProvider the upstream provider whose subject {@code externalId} is, so that the person's sign-in
 *        through it finds this user; null when the client's ids are not a provider's subjects
 */
public record SetUserExternalIdCommand(
        @TargetAggregateIdentifier UserId userId,
        AccountId accountId,
        String externalId,
        String identityProvider) {
}
