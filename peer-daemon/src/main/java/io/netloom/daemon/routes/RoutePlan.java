package io.netloom.daemon.routes;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The kernel side of the routes this device uses, rendered as {@code ip} commands (ADR 0032): one route per
 * network in a table of Netloom's own, and, while there is any, policy rules in front of it. First the traffic that
 * must never enter a route goes to the main table (the Netloom servers, STUN and TURN, the WireGuard port and the
 * ICE sockets, bound to this device's own addresses); then the main table answers whatever it has a specific route
 * for (the LAN, the overlay); only what is left, which the main table would send to its default route, looks into
 * Netloom's table.
 *
 * @param device the WireGuard interface the routes go out of
 * @param table the routing table of the routes
 * @param bypassDestinations addresses of the Netloom servers, STUN and TURN servers
 * @param bypassUdpPorts UDP source ports of the data plane that are not bound to an address (WireGuard's port)
 * @param bypassSources this device's own addresses, which the ICE sockets are bound to
 * @param networks the networks routed into the tunnel
 * (each set is kept sorted, so equal plans render equal commands)
 */
public record RoutePlan(
        String device,
        int table,
        Set<String> bypassDestinations,
        Set<Integer> bypassUdpPorts,
        Set<String> bypassSources,
        Set<String> networks) {

    public static final int DEFAULT_TABLE = 7120;
    /** Rule priorities, in front of the main table's default rule (32766); reserved for Netloom. */
    public static final int BYPASS_PRIORITY = 7110;
    public static final int MAIN_PRIORITY = 7111;
    public static final int TABLE_PRIORITY = 7112;
    public static final List<Integer> PRIORITIES = List.of(BYPASS_PRIORITY, MAIN_PRIORITY, TABLE_PRIORITY);

    public RoutePlan {
        bypassDestinations = Collections.unmodifiableSortedSet(new TreeSet<>(bypassDestinations));
        bypassUdpPorts = Collections.unmodifiableSortedSet(new TreeSet<>(bypassUdpPorts));
        bypassSources = Collections.unmodifiableSortedSet(new TreeSet<>(bypassSources));
        networks = Collections.unmodifiableSortedSet(new TreeSet<>(networks));
    }

    /**
     * The policy rules, each as the arguments after {@code ip rule add} (and {@code ip rule del}), in the order they
     * are added: none while no network is routed, so a device without routes keeps its routing untouched.
     */
    public List<List<String>> rules() {
        if (networks.isEmpty()) {
            return List.of();
        }
        String bypass = String.valueOf(BYPASS_PRIORITY);
        List<List<String>> rules = new ArrayList<>();
        bypassDestinations.forEach(address -> rules.add(List.of("to", address, "lookup", "main", "priority", bypass)));
        bypassUdpPorts.forEach(port -> rules.add(
                List.of("ipproto", "udp", "sport", String.valueOf(port), "lookup", "main", "priority", bypass)));
        bypassSources.forEach(address -> rules.add(List.of("from", address, "lookup", "main", "priority", bypass)));
        rules.add(List.of("lookup", "main", "suppress_prefixlength", "0", "priority", String.valueOf(MAIN_PRIORITY)));
        rules.add(List.of("lookup", String.valueOf(table), "priority", String.valueOf(TABLE_PRIORITY)));
        return List.copyOf(rules);
    }

    /** {@code ip route replace} for one network: idempotent, and a network moving routing peers keeps its route. */
    public List<String> addRoute(String network) {
        return List.of("ip", "route", "replace", network, "dev", device, "table", String.valueOf(table));
    }

    public List<String> deleteRoute(String network) {
        return List.of("ip", "route", "del", network, "dev", device, "table", String.valueOf(table));
    }

    public static List<String> addRule(List<String> rule) {
        return concat(List.of("ip", "rule", "add"), rule);
    }

    public static List<String> deleteRule(List<String> rule) {
        return concat(List.of("ip", "rule", "del"), rule);
    }

    private static List<String> concat(List<String> head, List<String> tail) {
        List<String> argv = new ArrayList<>(head);
        argv.addAll(tail);
        return List.copyOf(argv);
    }
}
