package io.netloom.projections.directory;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.PeerId;
import org.junit.jupiter.api.Test;

class PeerVisibilityTest {

    @Test
    void accessibleToWhenOneWayRuleThenBothEndsSeeEachOther() {
        TestEvents events = new TestEvents();
        PeerId laptop = events.peer("laptop");
        PeerId server = events.peer("server");
        PeerId printer = events.peer("printer");
        GroupId laptops = events.group("laptops", laptop);
        GroupId servers = events.group("servers", server);
        events.policy("ssh", true, false, laptops, servers);

        assertThat(PeerVisibility.accessibleTo(events.records(), laptop)).containsExactly(server);
        assertThat(PeerVisibility.accessibleTo(events.records(), server)).containsExactly(laptop);
        assertThat(PeerVisibility.accessibleTo(events.records(), printer)).isEmpty();
    }

    @Test
    void accessibleCountsWhenPolicyDisabledThenNobodySeesAnybody() {
        TestEvents events = new TestEvents();
        PeerId a = events.peer("a");
        PeerId b = events.peer("b");
        events.policy("off", false, true, TestEvents.ALL, TestEvents.ALL);

        assertThat(PeerVisibility.accessibleCounts(events.records())).containsEntry(a, 0).containsEntry(b, 0);
    }

    @Test
    void accessibleCountsWhenAllToAllThenEveryPeerSeesAllOthersButItself() {
        TestEvents events = new TestEvents();
        PeerId a = events.peer("a");
        PeerId b = events.peer("b");
        PeerId c = events.peer("c");
        events.policy("all", true, true, TestEvents.ALL, TestEvents.ALL);

        assertThat(PeerVisibility.accessibleCounts(events.records()))
                .containsEntry(a, 2).containsEntry(b, 2).containsEntry(c, 2);
    }

    @Test
    void accessibleToWhenPeerInOverlappingGroupsThenEachPeerCountedOnce() {
        TestEvents events = new TestEvents();
        PeerId a = events.peer("a");
        PeerId b = events.peer("b");
        GroupId one = events.group("one", a, b);
        GroupId two = events.group("two", a, b);
        events.policy("p1", true, true, one, two);
        events.policy("p2", true, true, two, one);

        assertThat(PeerVisibility.accessibleTo(events.records(), a)).containsExactly(b);
    }
}
