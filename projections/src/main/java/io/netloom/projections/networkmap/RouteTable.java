package io.netloom.projections.networkmap;

import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.policy.PolicyRule;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The routes sections of every peer an account's routes concern, computed from scratch (docs/protocol.md §2b).
 * Both the calculator and the incremental model use it, each answering {@link Inputs} from its own state, so
 * the rules are stated once:
 *
 * <ul>
 *   <li>An enabled route is served by its active routing peers (the {@code peer}, or the active members of
 *       {@code peer_groups}); a peer that is deleted, unknown or inactive serves nothing.
 *   <li>Client P receives (route, routing peer RP) when P is active, RP ≠ P, P does not serve the same highly
 *       available route itself (as NetBird: a routing peer never routes its own network through another), and
 *       either: P is in the route's groups and RP is among P's policy remotes, and, with access control groups,
 *       an enabled policy rule has P among its sources and one of those groups among its destinations; or, for
 *       a network resource, such a policy rule exists (no other condition: the resource brings the link).
 *   <li>RP forwards from P's overlay address, and from every network P serves itself (site-to-site), to the
 *       route's network: everything without access control groups, else each matching rule's protocol and ports.
 * </ul>
 */
final class RouteTable {

    private static final RuleShape EVERYTHING = new RuleShape("all", List.of());

    /** What the rules need to know of the account; members and peers are active ones only. */
    interface Inputs {

        /** The active members of the group (every active peer for the built-in All group). */
        Collection<PeerNode> activeMembersOf(GroupId group);

        /** The peer when it exists and is active, else null. */
        PeerNode activePeer(PeerId id);

        /** Whether the active peer is in the group (the built-in All group holds everyone). */
        boolean isMember(PeerNode peer, GroupId group);

        /**
         * The peers a policy, not a network resource, makes remote peers of this active peer, itself excluded;
         * symmetric like every policy visibility.
         */
        Collection<PeerNode> policyRemotesOf(PeerNode peer);

        /** The enabled rules of enabled policies. */
        Collection<PolicyRule> activeRules();
    }

    /** A client and a routing peer linked by a network resource: each is the other's remote peer. */
    record Link(PeerId client, PeerId router) {
    }

    /** One highly available route: every spec with this network id and prefix. */
    private record HaRoute(String networkId, String network) {
    }

    private final Map<PeerId, Builder> builders = new LinkedHashMap<>();
    private final Set<Link> links = new LinkedHashSet<>();

    private RouteTable() {
    }

    static RouteTable compute(Collection<RouteSpec> specs, Inputs inputs) {
        RouteTable table = new RouteTable();
        if (!specs.isEmpty()) {
            table.fill(specs, inputs);
        }
        return table;
    }

    /** The sections of every peer that has any, by peer. */
    Map<PeerId, RouteSections> sections() {
        Map<PeerId, RouteSections> sections = new LinkedHashMap<>();
        builders.forEach((peer, builder) -> sections.put(peer, builder.build()));
        return sections;
    }

    Set<Link> links() {
        return links;
    }

    private void fill(Collection<RouteSpec> specs, Inputs inputs) {
        List<PolicyRule> rules = List.copyOf(inputs.activeRules());
        Map<RouteSpec, List<PeerNode>> routers = new LinkedHashMap<>();
        Map<PeerId, Set<String>> servedNetworks = new HashMap<>();
        Map<PeerId, Set<HaRoute>> servedKeys = new HashMap<>();
        for (RouteSpec spec : specs) {
            if (!spec.enabled()) {
                continue;
            }
            List<PeerNode> routing = routersOf(spec, inputs);
            routers.put(spec, routing);
            for (PeerNode router : routing) {
                builderOf(router).served.add(
                        new ServedRoute(spec.id(), spec.networkId(), spec.network(), spec.masquerade()));
                servedNetworks.computeIfAbsent(router.id(), id -> new TreeSet<>()).add(spec.network());
                servedKeys.computeIfAbsent(router.id(), id -> new LinkedHashSet<>())
                        .add(new HaRoute(spec.networkId(), spec.network()));
            }
        }
        Map<PeerId, Collection<PeerNode>> policyRemotes = new HashMap<>();
        routers.forEach((spec, routing) -> {
            if (routing.isEmpty()) {
                return;
            }
            HaRoute key = new HaRoute(spec.networkId(), spec.network());
            Map<PeerNode, List<PeerNode>> clients = spec.resource()
                    ? resourceClients(spec, routing, rules, inputs)
                    : routeClients(spec, routing, policyRemotes, inputs);
            clients.forEach((client, via) -> {
                if (servedKeys.getOrDefault(client.id(), Set.of()).contains(key)) {
                    return;
                }
                List<RuleShape> shapes = forwardedShapes(spec, client, rules, inputs);
                if (shapes.isEmpty()) {
                    return;
                }
                List<String> sources = new ArrayList<>();
                sources.add(MapRendering.hostAddress(client));
                sources.addAll(servedNetworks.getOrDefault(client.id(), Set.of()));
                for (PeerNode router : via) {
                    builderOf(client).routes.add(new RouteEntry(spec.id(), spec.networkId(), spec.network(),
                            router.id().value(), spec.metric(), spec.skipAutoApply()));
                    if (spec.resource()) {
                        links.add(new Link(client.id(), router.id()));
                    }
                    Builder forwarding = builderOf(router);
                    for (String source : sources) {
                        for (RuleShape shape : shapes) {
                            forwarding.forwardRules.add(
                                    new ForwardRule(source, spec.network(), shape.protocol(), shape.ports()));
                        }
                    }
                }
            });
        });
    }

    /**
     * The clients of an ordinary route with the routing peers each may use: found from the routing peers' policy
     * remotes (policy visibility is symmetric), which costs what the maps hold rather than clients × routers.
     */
    private static Map<PeerNode, List<PeerNode>> routeClients(RouteSpec spec, List<PeerNode> routing,
            Map<PeerId, Collection<PeerNode>> policyRemotes, Inputs inputs) {
        Map<PeerNode, List<PeerNode>> clients = new LinkedHashMap<>();
        for (PeerNode router : routing) {
            for (PeerNode client : policyRemotes.computeIfAbsent(router.id(), id -> inputs.policyRemotesOf(router))) {
                if (spec.groups().stream().anyMatch(group -> inputs.isMember(client, group))) {
                    clients.computeIfAbsent(client, peer -> new ArrayList<>()).add(router);
                }
            }
        }
        return clients;
    }

    /** The clients of a network resource: the sources of enabled rules targeting it, each with every router. */
    private static Map<PeerNode, List<PeerNode>> resourceClients(RouteSpec spec, List<PeerNode> routing,
            List<PolicyRule> rules, Inputs inputs) {
        Map<PeerNode, List<PeerNode>> clients = new LinkedHashMap<>();
        for (PolicyRule rule : rules) {
            if (targets(rule, spec)) {
                rule.sources().forEach(group -> inputs.activeMembersOf(group).forEach(client -> clients.computeIfAbsent(
                        client, peer -> routing.stream().filter(router -> !router.id().equals(peer.id())).toList())));
            }
        }
        return clients;
    }

    private static List<PeerNode> routersOf(RouteSpec spec, Inputs inputs) {
        Map<PeerId, PeerNode> routing = new LinkedHashMap<>();
        if (spec.peer() != null) {
            PeerNode peer = inputs.activePeer(spec.peer());
            if (peer != null) {
                routing.put(peer.id(), peer);
            }
        }
        spec.peerGroups().forEach(group ->
                inputs.activeMembersOf(group).forEach(member -> routing.putIfAbsent(member.id(), member)));
        return List.copyOf(routing.values());
    }

    /** What the routing peer forwards from this client; empty when access control lets nothing through. */
    private static List<RuleShape> forwardedShapes(RouteSpec spec, PeerNode client, List<PolicyRule> rules,
            Inputs inputs) {
        if (spec.accessControlGroups().isEmpty()) {
            return List.of(EVERYTHING);
        }
        Set<RuleShape> shapes = new LinkedHashSet<>();
        for (PolicyRule rule : rules) {
            if (targets(rule, spec) && rule.sources().stream().anyMatch(group -> inputs.isMember(client, group))) {
                shapes.add(RuleShape.of(rule));
            }
        }
        return List.copyOf(shapes);
    }

    private static boolean targets(PolicyRule rule, RouteSpec spec) {
        return rule.destinations().stream().anyMatch(spec.accessControlGroups()::contains);
    }

    private Builder builderOf(PeerNode peer) {
        return builders.computeIfAbsent(peer.id(), id -> new Builder());
    }

    private static final class Builder {
        final SortedSet<RouteEntry> routes = new TreeSet<>();
        final SortedSet<ServedRoute> served = new TreeSet<>();
        final SortedSet<ForwardRule> forwardRules = new TreeSet<>();

        RouteSections build() {
            return new RouteSections(List.copyOf(routes), List.copyOf(served), List.copyOf(forwardRules));
        }
    }
}
