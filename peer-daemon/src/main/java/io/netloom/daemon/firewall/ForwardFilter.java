package io.netloom.daemon.firewall;

import io.netloom.daemon.link.IpPrefix;
import io.netloom.daemon.map.ForwardRule;
import io.netloom.daemon.map.NetworkMap;
import io.netloom.daemon.map.ServedRoute;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * What a routing peer forwards from the overlay (docs/protocol.md, section 2b), rendered as the {@code forward} and
 * {@code postrouting} chains of the interface's table.
 *
 * <p>Only traffic arriving on the overlay interface is filtered: replies to forwarded connections pass, then one
 * accept per forward rule, then a drop. Traffic from the LAN into the overlay is not touched here: site to site, a
 * LAN host may open a connection to the other site, and the routing peer there filters it on its way in. A device
 * that serves nothing forwards nothing from the overlay, as before routes existed.
 *
 * @param overlayAddress this device's overlay address with the overlay's prefix length ({@code 100.64.0.7/10})
 */
public record ForwardFilter(String overlayAddress, List<ServedRoute> servedRoutes, List<ForwardRule> forwardRules) {

    public static final ForwardFilter NONE = new ForwardFilter(null, List.of(), List.of());

    public ForwardFilter {
        // Null entries stay, to be reported like any other bad entry rather than fail the whole ruleset.
        servedRoutes = servedRoutes == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(servedRoutes));
        forwardRules = forwardRules == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(forwardRules));
    }

    public static ForwardFilter of(NetworkMap map) {
        return new ForwardFilter(map.config() == null ? null : map.config().address(), map.servedRoutes(),
                map.forwardRules());
    }

    /** The chains, each line indented for the table; {@code problems} receives why a route or rule was left out. */
    Rendered render(String quotedInterface, List<String> problems) {
        ServedNetworks served = ServedNetworks.of(servedRoutes, overlay(), problems);
        StringBuilder chains = new StringBuilder()
                .append("\tchain forward {\n")
                .append("\t\ttype filter hook forward priority filter; policy accept;\n");
        if (!served.isEmpty()) {
            chains.append("\t\tiifname ").append(quotedInterface).append(" ct state established,related accept\n")
                    .append("\t\tiifname ").append(quotedInterface).append(" ct state invalid drop\n");
        }
        for (int i = 0; i < forwardRules.size(); i++) {
            try {
                String match = match(forwardRules.get(i), served);
                chains.append("\t\tiifname ").append(quotedInterface).append(' ').append(match).append(" accept\n");
            } catch (InvalidRuleException e) {
                problems.add("forward rule " + (i + 1) + " skipped: " + e.getMessage());
            }
        }
        chains.append("\t\tiifname ").append(quotedInterface).append(" drop\n")
                .append("\t}\n");
        if (!served.masqueraded().isEmpty()) {
            // A forwarded packet keeps its input interface in postrouting, so only traffic from the overlay is
            // rewritten; the LAN's own traffic to these networks, and the overlay's to the overlay, are not.
            chains.append("\tchain postrouting {\n")
                    .append("\t\ttype nat hook postrouting priority srcnat; policy accept;\n");
            for (IpPrefix network : served.masqueraded()) {
                chains.append("\t\tiifname ").append(quotedInterface).append(" oifname != ").append(quotedInterface)
                        .append(" ip daddr ").append(TrafficMatch.written(network)).append(" masquerade\n");
            }
            chains.append("\t}\n");
        }
        return new Rendered(chains.toString(), !served.isEmpty());
    }

    private static String match(ForwardRule rule, ServedNetworks served) throws InvalidRuleException {
        if (rule == null) {
            throw new InvalidRuleException("the rule is empty");
        }
        String source = TrafficMatch.address("source", rule.source());
        IpPrefix destination = TrafficMatch.ipv4Network("destination", rule.destination());
        if (!served.networks().contains(destination)) {
            throw new InvalidRuleException("destination " + destination + " is not a network this peer serves");
        }
        return "ip saddr " + source + " ip daddr " + TrafficMatch.written(destination)
                + TrafficMatch.protocolAndPorts(rule.protocol(), rule.ports());
    }

    private Optional<IpPrefix> overlay() {
        try {
            IpPrefix address = IpPrefix.parse(overlayAddress);
            return address.isIpv4() ? Optional.of(address.network()) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** @param forwards whether any network is served, so the device must forward from the overlay */
    record Rendered(String chains, boolean forwards) {
    }
}
