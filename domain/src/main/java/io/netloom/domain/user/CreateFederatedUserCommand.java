package io.netloom.domain.user;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.UserId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A person signed in through an upstream identity provider for the first time: the user is created (role
 * {@code user}, no auto-groups, {@code issued: integration}) and linked to the provider's subject in one step,
 * so that no user exists without the link that finds it again.
 *
 * @param email the provider's {@code email} claim; may be empty, a provider need not say
 * @param identityProvider the provider's id in Netloom's settings
 * @param subject the person's identifier at that provider
 */
public record CreateFederatedUserCommand(
        @TargetAggregateIdentifier UserId userId,
        AccountId accountId,
        String email,
        String name,
        String identityProvider,
        String subject,
        Instant signedInAt) {
}
