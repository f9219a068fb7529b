package io.netloom.domain.user;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A person a provisioning client (SCIM) pushed before they ever signed in: role {@code user}, no auto-groups,
 * {@code issued: integration}. The email is required: it is the person's SCIM {@code userName}.
 */
public record ProvisionUserCommand(
        @TargetAggregateIdentifier UserId userId,
        AccountId accountId,
        String email,
        String name) {
}
