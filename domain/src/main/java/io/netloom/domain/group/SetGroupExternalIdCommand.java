package io.netloom.domain.group;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.GroupId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The id a provisioning client (SCIM) knows the group by; no-op if unchanged. */
public record SetGroupExternalIdCommand(
        @TargetAggregateIdentifier GroupId groupId,
        AccountId accountId,
        String externalId) {
}
