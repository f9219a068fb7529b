package io.netloom.domain.user;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.UserId;
import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The user's groups as a provisioning authority (SCIM, the directory sync) says they are; no-op if unchanged. */
public record ChangeUserAutoGroupsCommand(
        @TargetAggregateIdentifier UserId userId,
        AccountId accountId,
        Set<GroupId> autoGroups) {
}
