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
    void applyToWhenMapIsAtAnotherSerialThenRefused() {
        MapDelta delta = new MapDelta(3, 4, CONFIG, List.of(), List.of(), List.of(), List.of());

        assertThatThrownBy(() -> delta.applyTo(new NetworkMap(2, CONFIG, List.of(), List.of())))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static RemotePeer remote(String id, boolean connected) {
        return new RemotePeer(id, "key-" + id, "100.64.0.9/32", id + ".netloom.internal", connected);
    }
}
