package io.netloom.daemon.firewall;

import io.netloom.daemon.link.InterfaceNames;
import io.netloom.daemon.map.InboundRule;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders the inbound rules of the network map, and what a routing peer forwards ({@link ForwardFilter}), as one
 * nftables table per overlay interface. Pure text: {@link Nftables} applies it.
 *
 * <p>Only traffic arriving on the overlay interface is filtered: replies to connections this
 * device opened, then the allowed rules, then a drop. Forwarding from the overlay is dropped too,
 * unless the device is a routing peer and a forward rule allows it. Everything else on the machine is left to its
 * own firewall.
 */
public final class FirewallRuleset {

    private static final Logger log = LoggerFactory.getLogger(FirewallRuleset.class);

    private FirewallRuleset() {
    }

    /**
     * The script for {@code interfaceName}, leaving out (and logging) invalid rules; use
     * {@link #compile} to show those problems to the user.
     */
    public static String render(String interfaceName, List<InboundRule> rules) {
        RenderedRuleset rendered = compile(interfaceName, rules);
        rendered.problems().forEach(problem -> log.warn("firewall: {}", problem));
        return rendered.script();
    }

    /**
     * Renders a script that replaces the interface's table in one transaction: declaring the table
     * first makes the delete succeed even when it does not exist yet, and {@code nft -f} applies
     * the whole file atomically, so there is no moment without rules.
     */
    public static RenderedRuleset compile(String interfaceName, List<InboundRule> rules) {
        return compile(interfaceName, rules, ForwardFilter.NONE);
    }

    /** As {@link #compile(String, List)}, with the forwarding of a routing peer. */
    public static RenderedRuleset compile(String interfaceName, List<InboundRule> rules, ForwardFilter forwarding) {
        String quotedInterface = "\"" + InterfaceNames.requireValid(interfaceName) + "\"";
        String table = "inet " + tableName(interfaceName);
        List<String> problems = new ArrayList<>();
        StringBuilder script = new StringBuilder()
                .append("table ").append(table).append(" {}\n")
                .append("delete table ").append(table).append('\n')
                .append("table ").append(table).append(" {\n")
                .append("\tchain input {\n")
                .append("\t\ttype filter hook input priority filter; policy accept;\n")
                .append("\t\tiifname ").append(quotedInterface).append(" ct state established,related accept\n")
                .append("\t\tiifname ").append(quotedInterface).append(" ct state invalid drop\n");
        for (int i = 0; i < rules.size(); i++) {
            InboundRule rule = rules.get(i);
            try {
                if (rule == null) {
                    throw new InvalidRuleException("the rule is empty");
                }
                String match = InboundRuleMatch.of(rule);
                script.append("\t\tiifname ").append(quotedInterface).append(' ').append(match).append(" accept\n");
            } catch (InvalidRuleException e) {
                problems.add("inbound rule " + (i + 1) + " skipped: " + e.getMessage());
            }
        }
        script.append("\t\tiifname ").append(quotedInterface).append(" drop\n")
                .append("\t}\n");
        ForwardFilter.Rendered forward = forwarding.render(quotedInterface, problems);
        script.append(forward.chains())
                .append("}\n");
        return new RenderedRuleset(script.toString(), problems, forward.forwards());
    }

    /** The nftables table (family {@code inet}) that holds the rules of {@code interfaceName}. */
    public static String tableName(String interfaceName) {
        // nft identifiers allow letters, digits and underscores; interface names may also have '-' and '.'.
        return "netloom_" + InterfaceNames.requireValid(interfaceName).replaceAll("[^A-Za-z0-9_]", "_");
    }

    /** A script that deletes the interface's table, and succeeds when there is none. */
    static String removal(String interfaceName) {
        String table = "inet " + tableName(interfaceName);
        return "table " + table + " {}\ndelete table " + table + "\n";
    }
}
