package io.netloom.domain.group;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.PeerId;
import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * {@code builtIn} marks the system-managed "All" group that every peer joins at enrollment; {@code issued} says
 * who made the group (an administrator unless a sign-in's groups claim did).
 */
public record CreateGroupCommand(
        @TargetAggregateIdentifier GroupId groupId,
        AccountId accountId,
        String name,
        boolean builtIn,
        Set<PeerId> peers,
        GroupIssuer issued) {

    public CreateGroupCommand(GroupId groupId, AccountId accountId, String name, boolean builtIn, Set<PeerId> peers) {
        this(groupId, accountId, name, builtIn, peers, GroupIssuer.API);
    }
}
