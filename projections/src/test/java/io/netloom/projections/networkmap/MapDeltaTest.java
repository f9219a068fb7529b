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

    @Test
    void applyToWhenRoutesSectionsChangeThenSetSemanticsAndSortedOrder() {
        RouteEntry viaR1 = new RouteEntry("office", "office", "198.18.1.0/24", "r1", 100, false);
        RouteEntry viaR2 = new RouteEntry("office", "office", "198.18.1.0/24", "r2", 200, false);
        RouteEntry exit = new RouteEntry("exit", "exit", "0.0.0.0/0", "r1", 100, true);
        ServedRoute served = new ServedRoute("lab", "lab", "198.18.9.0/24", false);
        ForwardRule forward = new ForwardRule("100.64.0.2/32", "198.18.9.0/24", "all", List.of());
        NetworkMap held = new NetworkMap(3, CONFIG, List.of(B), List.of(FROM_B), List.of(viaR2), List.of(served),
                List.of(forward));
        MapDelta delta = new MapDelta(3, 4, null, List.of(), List.of(), List.of(), List.of(), List.of(viaR1, exit),
                List.of(viaR2), List.of(), List.of(served), List.of(forward), List.of(forward));

        NetworkMap after = delta.applyTo(held);

        assertThat(after.routes()).containsExactly(exit, viaR1);
        assertThat(after.servedRoutes()).isEmpty();
        assertThat(after.forwardRules()).as("removed and added again: present once").containsExactly(forward);
        assertThat(after.remotePeers()).containsExactly(B);
        assertThat(after.inboundRules()).containsExactly(FROM_B);
    }

    private static RemotePeer remote(String id, boolean connected) {
        return new RemotePeer(id, "key-" + id, "100.64.0.9/32", id + ".netloom.internal", connected);
    }
}
