package io.netloom.projections.networkmap;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.domain.ids.PeerId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecentDeltasTest {

    private static final PeerId PEER = new PeerId("a");

    @Test
    void sinceWhenHistoryContiguousThenDeltasFromThatSerial() {
        RecentDeltas recent = new RecentDeltas(8);
        recent.record(new PeerMapUpdate(PEER, delta(1, 2, 1)));
        recent.record(new PeerMapUpdate(PEER, delta(2, 3, 1)));

        assertThat(recent.since(PEER, 2, 3).orElseThrow()).extracting(MapDelta::serial).containsExactly(3L);
        assertThat(recent.since(PEER, 1, 3).orElseThrow()).hasSize(2);
    }

    @Test
    void sinceWhenADeltaWasTooLargeToKeepThenFullMapNeeded() {
        RecentDeltas recent = new RecentDeltas(8);
        recent.record(new PeerMapUpdate(PEER, delta(1, 2, 1)));
        recent.record(new PeerMapUpdate(PEER, delta(2, 3, RecentDeltas.MAX_RETAINED_ENTRIES + 1)));
        recent.record(new PeerMapUpdate(PEER, delta(3, 4, 1)));

        assertThat(recent.since(PEER, 1, 4)).isEmpty();
        assertThat(recent.since(PEER, 3, 4).orElseThrow()).hasSize(1);
    }

    @Test
    void sinceWhenMoreDeltasThanKeptThenOldestForgotten() {
        RecentDeltas recent = new RecentDeltas(2);
        for (long serial = 1; serial <= 4; serial++) {
            recent.record(new PeerMapUpdate(PEER, delta(serial, serial + 1, 1)));
        }

        assertThat(recent.since(PEER, 1, 5)).isEmpty();
        assertThat(recent.since(PEER, 3, 5).orElseThrow()).hasSize(2);
    }

    private static MapDelta delta(long base, long serial, int upserts) {
        List<RemotePeer> peers = new ArrayList<>();
        for (int i = 0; i < upserts; i++) {
            peers.add(new RemotePeer("p" + i, "key", "100.64.0.1/32", "p.netloom.internal", false));
        }
        return new MapDelta(base, serial, null, peers, List.of(), List.of(), List.of());
    }
}
