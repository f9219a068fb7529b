package io.netloom.domain.setupkey;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.SetupKeyId;
import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record UpdateSetupKeyCommand(
        @TargetAggregateIdentifier SetupKeyId setupKeyId,
        AccountId accountId,
        boolean revoked,
        Set<GroupId> autoGroups) {
}
