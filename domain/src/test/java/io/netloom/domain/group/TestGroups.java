package io.netloom.domain.group;

import static io.netloom.domain.TestData.ACCOUNT;

import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.PeerId;
import java.util.Set;

final class TestGroups {

    static final GroupId GROUP = new GroupId("group-1");
    static final String NAME = "developers";
    static final PeerId LAPTOP = new PeerId("peer-laptop");
    static final PeerId PHONE = new PeerId("peer-phone");
    static final PeerId SERVER = new PeerId("peer-server");

    private TestGroups() {
    }

    static GroupCreatedEvent created() {
        return new GroupCreatedEvent(GROUP, ACCOUNT, NAME, false, GroupIssuer.API);
    }

    static GroupCreatedEvent createdAllGroup() {
        return new GroupCreatedEvent(GROUP, ACCOUNT, "All", true, GroupIssuer.API);
    }

    static PeersAddedToGroupEvent added(PeerId... peers) {
        return new PeersAddedToGroupEvent(GROUP, ACCOUNT, Set.of(peers));
    }

    static PeersRemovedFromGroupEvent removed(PeerId... peers) {
        return new PeersRemovedFromGroupEvent(GROUP, ACCOUNT, Set.of(peers));
    }

    static UpdateGroupCommand update(String name, PeerId... peers) {
        return new UpdateGroupCommand(GROUP, ACCOUNT, name, Set.of(peers));
    }
}
