package io.netloom.daemon.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UsableRoutesTest {

    private final OverlayBounds overlay = OverlayBounds.of("100.64.0.0/10");

    private static RouteEntry route(String id, String network, String peer) {
        return new RouteEntry(id, "net-" + id, network, peer, 100, false);
    }

    @Test
    void ofWhenNetworksAreBadThenEachSetAsideWithReasonAndTheRestKept() {
        RouteEntry good = route("good", "198.18.1.0/24", "r1");
        RouteEntry exit = route("exit", "0.0.0.0/0", "r1");
        List<RouteEntry> entries = List.of(
                route("hostbits", "198.18.1.1/24", "r1"),
                route("v6", "fd00::/64", "r1"),
                route("garbage", "198.18.1.0/24\nendpoint=1.2.3.4:1", "r1"),
                route("inside", "100.64.1.0/24", "r1"),
                route("covering", "100.0.0.0/8", "r1"),
                good,
                exit);

        UsableRoutes usable = UsableRoutes.of(entries, overlay, Set.of("r1"));

        assertThat(usable.routes()).containsExactly(good, exit);
        assertThat(usable.problems()).containsExactly(
                "route hostbits (net-hostbits) ignored: network 198.18.1.1/24 has host bits set",
                "route v6 (net-v6) ignored: network \"fd00::/64\" is not an IPv4 prefix",
                "route garbage (net-garbage) ignored: network \"198.18.1.0/24\\u000aendpoint=1.2.3.4:1\" is not an IPv4 "
                        + "prefix",
                "route inside (net-inside) ignored: network 100.64.1.0/24 overlaps the overlay 100.64.0.0/10",
                "route covering (net-covering) ignored: network 100.0.0.0/8 overlaps the overlay 100.64.0.0/10");
    }

    @Test
    void ofWhenRoutingPeerIsNotAUsableRemotePeerThenSetAside() {
        RouteEntry stranger = route("stranger", "198.18.2.0/24", "r9");
        RouteEntry good = route("good", "198.18.1.0/24", "r1");

        UsableRoutes usable = UsableRoutes.of(List.of(stranger, good), overlay, Set.of("r1"));

        assertThat(usable.routes()).containsExactly(good);
        assertThat(usable.problems())
                .containsExactly("route stranger (net-stranger) ignored: routing peer r9 is not a usable remote peer");
    }
}
