package io.netloom.daemon.firewall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netloom.daemon.map.InboundRule;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FirewallRulesetTest {

    private static final String HEAD = "table inet netloom_netloom0 {}\n"
            + "delete table inet netloom_netloom0\n"
            + "table inet netloom_netloom0 {\n"
            + "\tchain input {\n"
            + "\t\ttype filter hook input priority filter; policy accept;\n"
            + "\t\tiifname \"netloom0\" ct state established,related accept\n"
            + "\t\tiifname \"netloom0\" ct state invalid drop\n";
    private static final String TAIL = "\t\tiifname \"netloom0\" drop\n"
            + "\t}\n"
            + "\tchain forward {\n"
            + "\t\ttype filter hook forward priority filter; policy accept;\n"
            + "\t\tiifname \"netloom0\" drop\n"
            + "\t}\n"
            + "}\n";

    @Test
    void compileWhenRulesCoverEveryProtocolThenOneAcceptPerRule() {
        RenderedRuleset rendered = FirewallRuleset.compile("netloom0", List.of(
                new InboundRule("100.64.0.2", "tcp", List.of("22", "8000-8100")),
                new InboundRule("100.64.0.3/32", "udp", List.of("53")),
                new InboundRule("100.64.0.0/10", "icmp", List.of()),
                new InboundRule("100.64.0.4", "all", List.of()),
                new InboundRule("100.64.0.5", "tcp", List.of()),
                new InboundRule("100.64.0.6", "udp", List.of("7000-7000"))));

        assertThat(rendered.problems()).isEmpty();
        assertThat(rendered.script()).isEqualTo(HEAD
                + "\t\tiifname \"netloom0\" ip saddr 100.64.0.2 tcp dport { 22, 8000-8100 } accept\n"
                + "\t\tiifname \"netloom0\" ip saddr 100.64.0.3 udp dport { 53 } accept\n"
                + "\t\tiifname \"netloom0\" ip saddr 100.64.0.0/10 meta l4proto icmp accept\n"
                + "\t\tiifname \"netloom0\" ip saddr 100.64.0.4 accept\n"
                + "\t\tiifname \"netloom0\" ip saddr 100.64.0.5 meta l4proto tcp accept\n"
                + "\t\tiifname \"netloom0\" ip saddr 100.64.0.6 udp dport { 7000 } accept\n"
                + TAIL);
    }

    @Test
    void compileWhenNoRulesThenOnlyRepliesAreAccepted() {
        RenderedRuleset rendered = FirewallRuleset.compile("netloom0", List.of());

        assertThat(rendered.script()).isEqualTo(HEAD + TAIL);
        assertThat(rendered.problems()).isEmpty();
    }

    @Test
    void compileWhenMapIsHostileThenSkipsEveryBadRuleAndKeepsTheGoodOne() {
        RenderedRuleset rendered = FirewallRuleset.compile("netloom0", Arrays.asList(
                new InboundRule("1.2.3.4; flush ruleset", "all", List.of()),
                new InboundRule("1.2.3.4\n}\ntable inet evil {", "all", List.of()),
                new InboundRule("100.64.0.2", "tcp", List.of("22 } accept; iifname \"x\" accept; tcp dport { 23")),
                new InboundRule("100.64.0.2", "tcp accept", List.of()),
                new InboundRule("100.64.0.2", "tcp", List.of("0")),
                new InboundRule("100.64.0.2", "tcp", List.of("65536")),
                new InboundRule("100.64.0.2", "tcp", List.of("9000-8000")),
                new InboundRule("100.64.0.2", "tcp", List.of("-22")),
                new InboundRule("100.64.0.2", "icmp", List.of("22")),
                new InboundRule("100.64.0.7/10", "all", List.of()),
                new InboundRule("fd00::1", "all", List.of()),
                new InboundRule("peer.example", "all", List.of()),
                new InboundRule(null, null, null),
                null,
                new InboundRule("100.64.0.9", "udp", List.of("51820"))));

        assertThat(rendered.script()).isEqualTo(HEAD
                + "\t\tiifname \"netloom0\" ip saddr 100.64.0.9 udp dport { 51820 } accept\n"
                + TAIL);
        assertThat(rendered.problems()).containsExactly(
                "inbound rule 1 skipped: source \"1.2.3.4; flush ruleset\" is not an IPv4 address or CIDR prefix",
                "inbound rule 2 skipped: source \"1.2.3.4\\u000a}\\u000atable inet evil {\" is not an IPv4 address or CIDR prefix",
                "inbound rule 3 skipped: port \"22 } accept; iifname \\u0022x\\u0022 accept; tcp dport { 23\" "
                        + "is not a port (1-65535) or a range such as 8000-8100",
                "inbound rule 4 skipped: protocol \"tcp accept\" is not one of all, tcp, udp, icmp",
                "inbound rule 5 skipped: port \"0\" is not a port (1-65535) or a range such as 8000-8100",
                "inbound rule 6 skipped: port \"65536\" is not a port (1-65535) or a range such as 8000-8100",
                "inbound rule 7 skipped: port range 9000-8000 ends before it starts",
                "inbound rule 8 skipped: port \"-22\" is not a port (1-65535) or a range such as 8000-8100",
                "inbound rule 9 skipped: protocol icmp has no ports; only tcp and udp rules may list them",
                "inbound rule 10 skipped: source 100.64.0.7/10 has host bits set; did you mean 100.64.0.0/10 or 100.64.0.7?",
                "inbound rule 11 skipped: source \"fd00::1\" is not an IPv4 address or CIDR prefix",
                "inbound rule 12 skipped: source \"peer.example\" is not an IPv4 address or CIDR prefix",
                "inbound rule 13 skipped: source (none) is not an IPv4 address or CIDR prefix",
                "inbound rule 14 skipped: the rule is empty");
    }

    @Test
    void tableNameWhenInterfaceHasDashesThenUsesUnderscores() {
        assertThat(FirewallRuleset.tableName("nlt-fw.test")).isEqualTo("netloom_nlt_fw_test");
    }

    @Test
    void compileWhenInterfaceNameCouldBreakOutOfQuotesThenRejected() {
        assertThatThrownBy(() -> FirewallRuleset.compile("wg0\" accept", List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void renderWhenSomeRulesAreInvalidThenReturnsTheSameScriptAsCompile() {
        List<InboundRule> rules = List.of(
                new InboundRule("bogus", "all", List.of()), new InboundRule("100.64.0.2", "all", List.of()));

        assertThat(FirewallRuleset.render("netloom0", rules))
                .isEqualTo(FirewallRuleset.compile("netloom0", rules).script());
    }

    @Test
    void removalWhenRenderedThenDeclaresBeforeDeletingSoItNeverFails() {
        assertThat(FirewallRuleset.removal("netloom0"))
                .isEqualTo("table inet netloom_netloom0 {}\ndelete table inet netloom_netloom0\n");
    }
}
