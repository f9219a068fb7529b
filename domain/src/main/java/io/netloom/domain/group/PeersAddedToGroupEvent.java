package io.netloom.domain.group;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.PeerId;
import java.util.Set;
import org.axonframework.serialization.Revision;

@Revision("1")
public record PeersAddedToGroupEvent(GroupId groupId, AccountId accountId, Set<PeerId> peerIds) {
}
