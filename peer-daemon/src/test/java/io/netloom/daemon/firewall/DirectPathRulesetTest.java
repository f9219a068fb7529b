package io.netloom.daemon.firewall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class DirectPathRulesetTest {

    private static final DirectPath PATH = new DirectPath(new InetSocketAddress("198.18.1.2", 40000),
            new InetSocketAddress("203.0.113.12", 50000));

    @Test
    void renderWhenOnePathThenWireGuardMessagesAreSteeredBothWaysWithoutConnectionTracking() {
        String script = DirectPathRuleset.render("wt0", 51820, List.of(PATH));

        assertThat(script).contains(
                "table inet netloom_wt0_paths {}\ndelete table inet netloom_wt0_paths\n",
                "type filter hook prerouting priority raw; policy accept;",
                "ip saddr 203.0.113.12 udp sport 50000 ip daddr 198.18.1.2 udp dport 40000"
                        + " @th,64,8 1-4 @th,72,24 0 udp dport set 51820 counter notrack",
                "type filter hook output priority raw; policy accept;",
                "ip daddr 203.0.113.12 udp dport 50000 udp sport 51820 udp sport set 40000 counter notrack");
    }

    @Test
    void renderWhenNoPathThenTheTableIsEmptyButPresent() {
        String script = DirectPathRuleset.render("wt-a", 51830, List.of());

        assertThat(script).contains("table inet netloom_wt_a_paths {", "chain inbound", "chain outbound")
                .doesNotContain("notrack");
    }

    @Test
    void renderWhenTheWireGuardPortIsOutOfRangeThenRefused() {
        assertThatThrownBy(() -> DirectPathRuleset.render("wt0", 0, List.of(PATH)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out of range");
    }

    @Test
    void renderWhenTheInterfaceNameCouldInjectSyntaxThenRefused() {
        assertThatThrownBy(() -> DirectPathRuleset.render("wt0; flush ruleset", 51820, List.of(PATH)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pathWhenAnEndIsNotIpV4ThenRefused() {
        assertThatThrownBy(() -> new DirectPath(new InetSocketAddress("::1", 40000), PATH.remote()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an IPv4 address");
        assertThatThrownBy(() -> new DirectPath(PATH.local(), InetSocketAddress.createUnresolved("peer.example", 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
