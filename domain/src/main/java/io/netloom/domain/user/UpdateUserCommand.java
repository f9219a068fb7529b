package io.netloom.domain.user;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.UserId;
import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record UpdateUserCommand(
        @TargetAggregateIdentifier UserId userId,
        AccountId accountId,
        Role role,
        Set<GroupId> autoGroups,
        boolean blocked) {
}
