package io.netloom.daemon.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.daemon.map.ForwardRule;
import io.netloom.daemon.map.InboundRule;
import io.netloom.daemon.map.MapConfig;
import io.netloom.daemon.map.NetworkMap;
import io.netloom.daemon.map.ServedRoute;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForwardFilterTest {

    private static final String OVERLAY_ADDRESS = "100.64.0.1/10";
    private static final String INPUT = "table inet netloom_netloom0 {}\n"
            + "delete table inet netloom_netloom0\n"
            + "table inet netloom_netloom0 {\n"
            + "\tchain input {\n"
            + "\t\ttype filter hook input priority filter; policy accept;\n"
            + "\t\tiifname \"netloom0\" ct state established,related accept\n"
            + "\t\tiifname \"netloom0\" ct state invalid drop\n"
            + "\t\tiifname \"netloom0\" drop\n"
            + "\t}\n";
    private static final String FORWARD_HEAD = "\tchain forward {\n"
            + "\t\ttype filter hook forward priority filter; policy accept;\n"
            + "\t\tiifname \"netloom0\" ct state established,related accept\n"
            + "\t\tiifname \"netloom0\" ct state invalid drop\n";
    private static final String FORWARD_TAIL = "\t\tiifname \"netloom0\" drop\n"
            + "\t}\n";
    private static final ServedRoute OFFICE = new ServedRoute("r1", "office", "198.18.1.0/24", true);
    private static final ServedRoute SITE = new ServedRoute("r2", "site-b", "198.18.2.0/24", false);

    @Test
    void compileWhenPeerServesNetworksThenForwardsRuleTrafficAndMasqueradesOnlyWhereAsked() {
        RenderedRuleset rendered = compile(List.of(OFFICE, SITE), List.of(
                new ForwardRule("100.64.0.2", "198.18.1.0/24", "tcp", List.of("80", "8000-8100")),
                new ForwardRule("100.64.0.3/32", "198.18.1.0/24", "icmp", List.of()),
                new ForwardRule("100.64.0.4", "198.18.2.0/24", "udp", List.of()),
                new ForwardRule("198.18.9.0/24", "198.18.2.0/24", "all", List.of())));

        assertThat(rendered.problems()).isEmpty();
        assertThat(rendered.forwards()).isTrue();
        assertThat(rendered.script()).isEqualTo(INPUT + FORWARD_HEAD
                + "\t\tiifname \"netloom0\" ip saddr 100.64.0.2 ip daddr 198.18.1.0/24 tcp dport { 80, 8000-8100 } accept\n"
                + "\t\tiifname \"netloom0\" ip saddr 100.64.0.3 ip daddr 198.18.1.0/24 meta l4proto icmp accept\n"
                + "\t\tiifname \"netloom0\" ip saddr 100.64.0.4 ip daddr 198.18.2.0/24 meta l4proto udp accept\n"
                + "\t\tiifname \"netloom0\" ip saddr 198.18.9.0/24 ip daddr 198.18.2.0/24 accept\n"
                + FORWARD_TAIL
                + "\tchain postrouting {\n"
                + "\t\ttype nat hook postrouting priority srcnat; policy accept;\n"
                + "\t\tiifname \"netloom0\" oifname != \"netloom0\" ip daddr 198.18.1.0/24 masquerade\n"
                + "\t}\n"
                + "}\n");
    }

    @Test
    void compileWhenNoServedRouteMasqueradesThenThereIsNoNatChain() {
        RenderedRuleset rendered = compile(List.of(SITE),
                List.of(new ForwardRule("198.18.9.0/24", "198.18.2.0/24", "all", List.of())));

        assertThat(rendered.script()).isEqualTo(INPUT + FORWARD_HEAD
                + "\t\tiifname \"netloom0\" ip saddr 198.18.9.0/24 ip daddr 198.18.2.0/24 accept\n"
                + FORWARD_TAIL
                + "}\n");
    }

    @Test
    void compileWhenPeerServesNothingThenEverythingForwardedFromTheOverlayIsDropped() {
        RenderedRuleset rendered = compile(List.of(),
                List.of(new ForwardRule("100.64.0.2", "198.18.1.0/24", "all", List.of())));

        assertThat(rendered.forwards()).isFalse();
        assertThat(rendered.script()).isEqualTo(INPUT
                + "\tchain forward {\n"
                + "\t\ttype filter hook forward priority filter; policy accept;\n"
                + FORWARD_TAIL
                + "}\n");
        assertThat(rendered.problems()).containsExactly(
                "forward rule 1 skipped: destination 198.18.1.0/24 is not a network this peer serves");
    }

    @Test
    void compileWhenSeveralRoutesServeOneNetworkThenOneMasqueradeRuleWhenAnyAsks() {
        RenderedRuleset rendered = compile(List.of(
                new ServedRoute("r1", "office", "198.18.1.0/24", false),
                new ServedRoute("r3", "office-resource", "198.18.1.0/24", true),
                new ServedRoute("r4", "office-again", "198.18.1.0/24", true)), List.of());

        assertThat(rendered.script()).endsWith("\tchain postrouting {\n"
                + "\t\ttype nat hook postrouting priority srcnat; policy accept;\n"
                + "\t\tiifname \"netloom0\" oifname != \"netloom0\" ip daddr 198.18.1.0/24 masquerade\n"
                + "\t}\n"
                + "}\n");
    }

    @Test
    void compileWhenPeerIsAnExitNodeThenEveryDestinationOfItsRulesIsForwardedAndMasqueraded() {
        RenderedRuleset rendered = compile(List.of(new ServedRoute("r9", "exit", "0.0.0.0/0", true)),
                List.of(new ForwardRule("100.64.0.2", "0.0.0.0/0", "all", List.of())));

        assertThat(rendered.problems()).isEmpty();
        assertThat(rendered.script()).contains(
                "\t\tiifname \"netloom0\" ip saddr 100.64.0.2 ip daddr 0.0.0.0/0 accept\n",
                "\t\tiifname \"netloom0\" oifname != \"netloom0\" ip daddr 0.0.0.0/0 masquerade\n");
    }

    @Test
    void compileWhenServedRoutesAreInvalidThenSkippedWithTheirRulesAndTheRestApplies() {
        RenderedRuleset rendered = compile(Arrays.asList(
                new ServedRoute("host-bits", "a", "198.18.1.7/24", true),
                new ServedRoute("in-overlay", "b", "100.64.3.0/24", true),
                new ServedRoute("covers-overlay", "c", "100.0.0.0/8", true),
                new ServedRoute("v6", "d", "fd00::/64", true),
                new ServedRoute("hostile", "e", "198.18.3.0/24 masquerade; flush ruleset", true),
                new ServedRoute(null, null, null, false),
                null,
                SITE), List.of(
                new ForwardRule("100.64.0.2", "198.18.1.0/24", "all", List.of()),
                new ForwardRule("100.64.0.2", "100.64.3.0/24", "all", List.of()),
                new ForwardRule("100.64.0.2", "198.18.2.0/24", "all", List.of())));

        assertThat(rendered.script()).isEqualTo(INPUT + FORWARD_HEAD
                + "\t\tiifname \"netloom0\" ip saddr 100.64.0.2 ip daddr 198.18.2.0/24 accept\n"
                + FORWARD_TAIL
                + "}\n");
        assertThat(rendered.problems()).containsExactly(
                "served route \"host-bits\" skipped: network 198.18.1.7/24 has host bits set; "
                        + "did you mean 198.18.1.0/24 or 198.18.1.7?",
                "served route \"in-overlay\" skipped: network 100.64.3.0/24 overlaps the overlay 100.64.0.0/10",
                "served route \"covers-overlay\" skipped: network 100.0.0.0/8 overlaps the overlay 100.64.0.0/10",
                "served route \"v6\" skipped: network \"fd00::/64\" is not an IPv4 address or CIDR prefix",
                "served route \"hostile\" skipped: network \"198.18.3.0/24 masquerade; flush ruleset\" "
                        + "is not an IPv4 address or CIDR prefix",
                "served route (none) skipped: network (none) is not an IPv4 address or CIDR prefix",
                "served route (none) skipped: the route is empty",
                "forward rule 1 skipped: destination 198.18.1.0/24 is not a network this peer serves",
                "forward rule 2 skipped: destination 100.64.3.0/24 is not a network this peer serves");
    }

    @Test
    void compileWhenForwardRulesAreHostileThenSkipsEveryBadRuleAndKeepsTheGoodOne() {
        RenderedRuleset rendered = compile(List.of(SITE), Arrays.asList(
                new ForwardRule("1.2.3.4; flush ruleset", "198.18.2.0/24", "all", List.of()),
                new ForwardRule("100.64.0.2", "198.18.2.0/24\n}\ntable inet evil {", "all", List.of()),
                new ForwardRule("100.64.0.2", "198.18.2.5/24", "all", List.of()),
                new ForwardRule("100.64.0.2", "198.18.2.0/24", "tcp", List.of("80 } accept")),
                new ForwardRule("100.64.0.2", "198.18.2.0/24", "tcp", List.of("0")),
                new ForwardRule("100.64.0.2", "198.18.2.0/24", "icmp", List.of("80")),
                new ForwardRule("100.64.0.2", "198.18.2.0/24", "sctp", List.of()),
                new ForwardRule(null, null, null, null),
                null,
                new ForwardRule("100.64.0.9", "198.18.2.0/24", "tcp", List.of("443"))));

        assertThat(rendered.script()).isEqualTo(INPUT + FORWARD_HEAD
                + "\t\tiifname \"netloom0\" ip saddr 100.64.0.9 ip daddr 198.18.2.0/24 tcp dport { 443 } accept\n"
                + FORWARD_TAIL
                + "}\n");
        assertThat(rendered.problems()).containsExactly(
                "forward rule 1 skipped: source \"1.2.3.4; flush ruleset\" is not an IPv4 address or CIDR prefix",
                "forward rule 2 skipped: destination \"198.18.2.0/24\\u000a}\\u000atable inet evil {\" "
                        + "is not an IPv4 address or CIDR prefix",
                "forward rule 3 skipped: destination 198.18.2.5/24 has host bits set; "
                        + "did you mean 198.18.2.0/24 or 198.18.2.5?",
                "forward rule 4 skipped: port \"80 } accept\" is not a port (1-65535) or a range such as 8000-8100",
                "forward rule 5 skipped: port \"0\" is not a port (1-65535) or a range such as 8000-8100",
                "forward rule 6 skipped: protocol icmp has no ports; only tcp and udp rules may list them",
                "forward rule 7 skipped: protocol \"sctp\" is not one of all, tcp, udp, icmp",
                "forward rule 8 skipped: source (none) is not an IPv4 address or CIDR prefix",
                "forward rule 9 skipped: the rule is empty");
    }

    @Test
    void ofWhenMapHasRoutesThenTakesItsServedRoutesRulesAndOverlay() {
        NetworkMap map = new NetworkMap(7, new MapConfig(OVERLAY_ADDRESS, "r.netloom", "netloom"), List.of(),
                List.of(new InboundRule("100.64.0.2", "all", List.of())), List.of(), List.of(OFFICE),
                List.of(new ForwardRule("100.64.0.2", "198.18.1.0/24", "all", List.of())));

        assertThat(ForwardFilter.of(map)).isEqualTo(new ForwardFilter(OVERLAY_ADDRESS, List.of(OFFICE),
                List.of(new ForwardRule("100.64.0.2", "198.18.1.0/24", "all", List.of()))));
    }

    private static RenderedRuleset compile(List<ServedRoute> served, List<ForwardRule> rules) {
        return FirewallRuleset.compile("netloom0", List.of(), new ForwardFilter(OVERLAY_ADDRESS, served, rules));
    }
}
