package io.netloom.projections.networkmap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MapDeltaTest {

    private static final PeerConfig CONFIG = new PeerConfig("100.64.0.1/10", "a.netloom.internal", "netloom.internal");
    private static final RemotePeer B = remote("b", false);
    private static final RemotePeer C = remote("c", false);
    private static final InboundRule FROM_B = new InboundRule("100.64.0.2/32", "all", List.of());
    private static final InboundRule FROM_C = new InboundRule("100.64.0.3/32", "tcp", List.of("22"));

    @Test
    void followedByWhenDeltasCoalescedThenSameResultAsApplyingBoth() {
        NetworkMap start = new NetworkMap(3, CONFIG, List.of(B), List.of(FROM_B));
        MapDelta first = new MapDelta(3, 4, null, List.of(C), List.of("b"), List.of(FROM_C), List.of(FROM_B));
        MapDelta second = new MapDelta(4, 5, null, List.of(B, remote("c", true)), List.of(), List.of(FROM_B),
                List.of(FROM_C));

        MapDelta coalesced = first.followedBy(second);

        assertThat(coalesced.baseSerial()).isEqualTo(3);
        assertThat(coalesced.serial()).isEqualTo(5);
        assertThat(coalesced.applyTo(start)).isEqualTo(second.applyTo(first.applyTo(start)));
        assertThat(coalesced.removedPeers()).isEmpty();
        assertThat(coalesced.removedRules()).containsExactly(FROM_C);
    }

    @Test
    void followedByWhenSerialsDoNotLineUpThenRefused() {
        MapDelta first = new MapDelta(3, 4, CONFIG, List.of(), List.of(), List.of(), List.of());
        MapDelta later = new MapDelta(5, 6, CONFIG, List.of(), List.of(), List.of(), List.of());

        assertThatThrownBy(() -> first.followedBy(later)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void applyToWhenMapIsAtAnotherSerialThenRefused() {
        MapDelta delta = new MapDelta(3, 4, CONFIG, List.of(), List.of(), List.of(), List.of());

        assertThatThrownBy(() -> delta.applyTo(new NetworkMap(2, CONFIG, List.of(), List.of())))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static RemotePeer remote(String id, boolean connected) {
        return new RemotePeer(id, "key-" + id, "100.64.0.9/32", id + ".netloom.internal", connected);
    }
}
