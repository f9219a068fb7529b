package io.netloom.daemon.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoutePlanTest {

    private RoutePlan plan(Set<String> networks) {
        return new RoutePlan("wt0", 7120, Set.of("203.0.113.9/32", "192.0.2.10/32"), Set.of(51820),
                Set.of("192.168.1.5"), networks);
    }

    @Test
    void rulesWhenNetworksRoutedThenBypassesFirstThenMainWithoutDefaultThenTable() {
        assertThat(plan(Set.of("198.18.1.0/24")).rules().stream().map(rule -> String.join(" ", rule)).toList())
                .containsExactly(
                        "to 192.0.2.10/32 lookup main priority 7110",
                        "to 203.0.113.9/32 lookup main priority 7110",
                        "ipproto udp sport 51820 lookup main priority 7110",
                        "from 192.168.1.5 lookup main priority 7110",
                        "lookup main suppress_prefixlength 0 priority 7111",
                        "lookup 7120 priority 7112");
    }

    @Test
    void rulesWhenNoNetworkThenNoneSoTheDeviceRoutingStaysUntouched() {
        assertThat(plan(Set.of()).rules()).isEmpty();
    }

    @Test
    void routeCommandsWhenRenderedThenReplaceAndDeleteInOwnTable() {
        RoutePlan exitNode = plan(Set.of("0.0.0.0/0"));

        assertThat(exitNode.addRoute("0.0.0.0/0"))
                .containsExactly("ip", "route", "replace", "0.0.0.0/0", "dev", "wt0", "table", "7120");
        assertThat(exitNode.deleteRoute("0.0.0.0/0"))
                .containsExactly("ip", "route", "del", "0.0.0.0/0", "dev", "wt0", "table", "7120");
        assertThat(RoutePlan.addRule(List.of("lookup", "7120", "priority", "7112")))
                .containsExactly("ip", "rule", "add", "lookup", "7120", "priority", "7112");
    }
}
