package io.netloom.daemon.firewall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netloom.daemon.link.CommandFailedException;
import io.netloom.daemon.link.Commands;
import io.netloom.daemon.link.RootTools;
import io.netloom.daemon.map.InboundRule;
import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Applies rulesets in the root namespace under an interface name no real interface has, so the
 * table exists for real but matches no traffic.
 */
class NftablesTest {

    private static final String INTERFACE = "nlt-fwtest";
    private static final String TABLE = "netloom_nlt_fwtest";

    @BeforeAll
    static void requireNft() {
        RootTools.assumeRootWith("nft");
    }

    @BeforeEach
    void startWithoutTable() throws IOException {
        Nftables.remove(INTERFACE);
    }

    @AfterEach
    void removeTable() throws IOException {
        Nftables.remove(INTERFACE);
    }

    @Test
    void applyWhenRenderedRulesetThenNftListsEveryRule() throws IOException {
        Nftables.apply(FirewallRuleset.render(INTERFACE, List.of(
                new InboundRule("100.64.0.2", "tcp", List.of("22", "8000-8100")),
                new InboundRule("100.64.0.3/32", "udp", List.of("53")),
                new InboundRule("100.64.0.0/10", "icmp", List.of()),
                new InboundRule("100.64.0.4", "all", List.of()),
                new InboundRule("100.64.0.5", "tcp", List.of()))));

        assertThat(listTable()).contains(
                "iifname \"nlt-fwtest\" ip saddr 100.64.0.2 tcp dport { 22, 8000-8100 } accept",
                "iifname \"nlt-fwtest\" ip saddr 100.64.0.3 udp dport 53 accept",
                "iifname \"nlt-fwtest\" ip saddr 100.64.0.0/10 meta l4proto icmp accept",
                "iifname \"nlt-fwtest\" ip saddr 100.64.0.4 accept",
                "iifname \"nlt-fwtest\" ip saddr 100.64.0.5 meta l4proto tcp accept",
                "iifname \"nlt-fwtest\" ct state established,related accept",
                "chain forward");
    }

    @Test
    void applyWhenRepeatedOrChangedThenTableIsReplacedNotAppended() throws IOException {
        String first = FirewallRuleset.render(INTERFACE, List.of(new InboundRule("100.64.0.2", "tcp", List.of("22"))));
        Nftables.apply(first);
        Nftables.apply(first);
        String listedOnce = listTable();

        Nftables.apply(FirewallRuleset.render(INTERFACE, List.of(new InboundRule("100.64.0.3", "udp", List.of()))));

        assertThat(occurrences(listedOnce, "ip saddr 100.64.0.2")).isEqualTo(1);
        assertThat(occurrences(listedOnce, "chain input")).isEqualTo(1);
        assertThat(listTable()).doesNotContain("100.64.0.2").contains("ip saddr 100.64.0.3 meta l4proto udp accept");
    }

    @Test
    void removeWhenTableExistsOrNotThenItIsGoneWithoutError() throws IOException {
        Nftables.apply(FirewallRuleset.render(INTERFACE, List.of()));

        Nftables.remove(INTERFACE);
        Nftables.remove(INTERFACE);

        assertThat(Commands.run("nft", "list", "tables")).doesNotContain(TABLE);
    }

    @Test
    void applyWhenScriptIsInvalidThenNothingChangesAndNftSaysWhy() throws IOException {
        Nftables.apply(FirewallRuleset.render(INTERFACE, List.of(new InboundRule("100.64.0.2", "all", List.of()))));
        String broken = FirewallRuleset.render(INTERFACE, List.of()).replace("policy accept;", "policy accept; bogus;");

        assertThatThrownBy(() -> Nftables.apply(broken))
                .isInstanceOf(CommandFailedException.class)
                .hasMessageStartingWith("`nft -f -` failed with exit status 1: ")
                .hasMessageContaining("syntax error");
        assertThat(listTable()).contains("ip saddr 100.64.0.2 accept");
    }

    private static String listTable() throws IOException {
        return Commands.run("nft", "list", "table", "inet", TABLE);
    }

    private static int occurrences(String text, String fragment) {
        return text.split(Pattern.quote(fragment), -1).length - 1;
    }
}
