package io.netloom.daemon.map;

import static io.netloom.daemon.map.TestMaps.map;
import static io.netloom.daemon.map.TestMaps.peer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class OverlayBoundsTest {

    private final OverlayBounds overlay = OverlayBounds.of("100.64.0.0/10");

    @Test
    void problemWithWhenEveryAddressIsAHostOfTheOverlayThenNone() {
        NetworkMap map = map(1, List.of(peer("b", 2), peer("c", 3)),
                List.of(new InboundRule("100.127.255.254/32", "tcp", List.of("22"))));

        assertThat(overlay.problemWith(map)).isEmpty();
    }

    @Test
    void problemWithWhenAllowedIpOutsideOverlayOrWiderThanOneHostThenNamed() {
        String key = peer("x", 9).publicKey();

        assertThat(overlay.problemWith(map(1, List.of(new RemotePeer("lan", key, "192.168.1.0/32", "l", true)),
                List.of()))).contains("peer \"lan\" has allowed IP \"192.168.1.0/32\", not a single address (/32) "
                + "inside the overlay 100.64.0.0/10");
        assertThat(overlay.problemWith(map(1, List.of(new RemotePeer("next", key, "100.128.0.1/32", "n", true)),
                List.of()))).isPresent();
        assertThat(overlay.problemWith(map(1, List.of(new RemotePeer("wide", key, "100.64.0.0/24", "w", true)),
                List.of()))).isPresent();
        assertThat(overlay.problemWith(map(1, List.of(new RemotePeer("bare", key, "100.64.0.5", "b", true)),
                List.of()))).isPresent();
        assertThat(overlay.problemWith(map(1, List.of(new RemotePeer("none", key, null, "n", true)),
                List.of()))).isPresent();
    }

    @Test
    void routeProblemWhenNetworkOutsideOrExitNodeThenNoneElseNamed() {
        assertThat(overlay.routeProblem("0.0.0.0/0")).isEmpty();
        assertThat(overlay.routeProblem("100.128.0.0/24")).isEmpty();
        assertThat(overlay.routeProblem("100.63.255.0/24")).isEmpty();
        assertThat(overlay.routeProblem("100.127.255.0/24")).contains(
                "network 100.127.255.0/24 overlaps the overlay 100.64.0.0/10");
        assertThat(overlay.routeProblem("64.0.0.0/2")).contains("network 64.0.0.0/2 overlaps the overlay 100.64.0.0/10");
        assertThat(overlay.routeProblem("198.18.1.0")).contains("network \"198.18.1.0\" is not an IPv4 prefix");
    }

    @Test
    void problemWithWhenOwnAddressOrRuleSourceOutsideThenNamed() {
        NetworkMap elsewhere = new NetworkMap(1, new MapConfig("10.0.0.1/10", "self.n", "n"), List.of(), List.of());
        NetworkMap otherPrefix = new NetworkMap(1, new MapConfig("100.64.0.1/16", "self.n", "n"), List.of(),
                List.of());
        NetworkMap wideRule = map(1, List.of(), List.of(new InboundRule("0.0.0.0/0", "all", List.of())));

        assertThat(overlay.problemWith(elsewhere))
                .hasValueSatisfying(problem -> assertThat(problem).contains("own address \"10.0.0.1/10\""));
        assertThat(overlay.problemWith(otherPrefix)).isPresent();
        assertThat(overlay.problemWith(wideRule))
                .hasValueSatisfying(problem -> assertThat(problem).contains("inbound rule admits \"0.0.0.0/0\""));
    }

    @Test
    void ofWhenNotAnIpv4NetworkThenRefused() {
        assertThatThrownBy(() -> OverlayBounds.of("100.64.0.1/10")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OverlayBounds.of("fd00::/8")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OverlayBounds.of("100.64.0.0")).isInstanceOf(IllegalArgumentException.class);
    }
}
