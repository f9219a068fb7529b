package io.netloom.projections.directory;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.PeerId;
import java.util.Set;

public record GroupView(GroupId id, AccountId accountId, String name, boolean builtIn, Set<PeerId> peers) {

    GroupView withName(String newName) {
        return new GroupView(id, accountId, newName, builtIn, peers);
    }

    GroupView withPeers(Set<PeerId> newPeers) {
        return new GroupView(id, accountId, name, builtIn, Set.copyOf(newPeers));
    }
}
