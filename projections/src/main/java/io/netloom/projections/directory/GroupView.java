package io.netloom.projections.directory;

import io.netloom.domain.group.GroupIssuer;
import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.PeerId;
import java.util.Set;

/** @param issued who made the group: an administrator, or a sign-in's groups claim */
public record GroupView(GroupId id, AccountId accountId, String name, boolean builtIn, GroupIssuer issued,
        Set<PeerId> peers) {

    GroupView withName(String newName) {
        return new GroupView(id, accountId, newName, builtIn, issued, peers);
    }

    GroupView withPeers(Set<PeerId> newPeers) {
        return new GroupView(id, accountId, name, builtIn, issued, Set.copyOf(newPeers));
    }
}
