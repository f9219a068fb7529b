package io.netloom.projections.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.domain.group.GroupDeletedEvent;
import io.netloom.domain.group.PeersAddedToGroupEvent;
import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.peer.PeerDeletedEvent;
import java.util.LinkedHashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class NamedPeersTest {

    private static final AccountId ACCOUNT = new AccountId("account-1");
    private static final GroupId GROUP = new GroupId("group-1");

    @Test
    void inWhenPayloadHoldsOnePeerIdThenThatPeer() {
        PeerId peer = new PeerId("peer-1");

        assertThat(NamedPeers.in(new PeerDeletedEvent(peer, ACCOUNT))).containsExactly(peer);
    }

    @Test
    void inWhenPayloadHoldsACollectionOfPeerIdsThenEachOfThem() {
        List<PeerId> peers = List.of(new PeerId("peer-1"), new PeerId("peer-2"), new PeerId("peer-3"));

        assertThat(NamedPeers.in(new PeersAddedToGroupEvent(GROUP, ACCOUNT, new LinkedHashSet<>(peers))))
                .containsExactlyInAnyOrderElementsOf(peers);
    }

    @Test
    void inWhenPayloadNamesNoPeerThenEmpty() {
        assertThat(NamedPeers.in(new GroupDeletedEvent(GROUP, ACCOUNT))).isEmpty();
        assertThat(NamedPeers.in("not a record")).isEmpty();
    }

    @Test
    void canNameWhenTypeIsPeerScopedThenTrue() {
        assertThat(PeerScopedEvents.TYPES).allSatisfy(type -> assertThat(NamedPeers.canName(type)).isTrue());
    }

    @Test
    void canNameWhenTypeHasNoPeerComponentThenFalse() {
        assertThat(NamedPeers.canName(GroupDeletedEvent.class)).isFalse();
        assertThat(NamedPeers.canName(String.class)).isFalse();
    }
}
