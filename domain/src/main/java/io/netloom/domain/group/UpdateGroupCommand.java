package io.netloom.domain.group;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.PeerId;
import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replaces the name and the full member list, as NetBird's PUT on a group does. */
public record UpdateGroupCommand(
        @TargetAggregateIdentifier GroupId groupId,
        AccountId accountId,
        String name,
        Set<PeerId> peers) {
}
