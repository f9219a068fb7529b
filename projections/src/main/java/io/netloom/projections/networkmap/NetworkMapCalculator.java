package io.netloom.projections.networkmap;

import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.policy.PolicyRule;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Computes network maps from scratch out of an {@link AccountSnapshot}: the plain statement of the
 * rules that the incremental {@link AccountNetwork} must always agree with. A peer sees another
 * when some active rule has one in a source group and the other in a destination group; the
 * destination accepts traffic from the source, and with a bidirectional rule the source accepts
 * traffic from the destination as well. The routes sections follow {@link RouteTable}'s rules, and a
 * network resource makes each entitled client and its routing peer remote peers of each other. The DNS
 * sections follow {@link DnsTable}'s.
 */
public final class NetworkMapCalculator {

    private final AccountSnapshot snapshot;
    private final Map<GroupId, List<PolicyRule>> rulesByGroup = new HashMap<>();
    private final Map<PolicyRule, RuleShape> shapes = new IdentityHashMap<>();
    private final Map<GroupId, List<PeerNode>> activeMembers = new HashMap<>();
    private final Map<PeerId, RemotePeer> renderedRemotes = new HashMap<>();
    private final Map<PeerId, Set<GroupId>> groupsOfPeer = new HashMap<>();
    private final Map<Set<GroupId>, Reach> reachByGroups = new HashMap<>();
    private final List<PolicyRule> activeRules;
    private final Map<PeerId, RouteSections> routeSections;
    private final Map<PeerId, Set<PeerId>> routeLinks = new HashMap<>();
    private final DnsTable dns;

    private NetworkMapCalculator(AccountSnapshot snapshot) {
        this.snapshot = snapshot;
        activeRules = snapshot.policies().values().stream().flatMap(policy -> policy.activeRules().stream()).toList();
        activeRules.forEach(rule -> {
            Set<GroupId> named = new HashSet<>(rule.sources());
            named.addAll(rule.destinations());
            named.forEach(group -> rulesByGroup.computeIfAbsent(group, key -> new ArrayList<>()).add(rule));
        });
        dns = new DnsTable(snapshot.dns());
        RouteTable routes = RouteTable.compute(snapshot.routes(), new RouteInputs());
        routeSections = routes.sections();
        routes.links().forEach(link -> {
            routeLinks.computeIfAbsent(link.client(), id -> new HashSet<>()).add(link.router());
            routeLinks.computeIfAbsent(link.router(), id -> new HashSet<>()).add(link.client());
        });
    }

    /** One peer's map, at serial 0. */
    public static NetworkMap mapOf(AccountSnapshot snapshot, PeerId peer) {
        PeerNode node = snapshot.peers().get(peer);
        if (node == null) {
            throw new IllegalArgumentException("no peer " + peer + " in this account");
        }
        NetworkMapCalculator calculator = new NetworkMapCalculator(snapshot);
        return calculator.mapOf(node, calculator.reachOf(node));
    }

    /** The maps of some peers, at serial 0, sharing the work as {@link #allMaps} does; unknown peers are left out. */
    public static Map<PeerId, NetworkMap> mapsOf(AccountSnapshot snapshot, Collection<PeerId> peers) {
        NetworkMapCalculator calculator = new NetworkMapCalculator(snapshot);
        Map<PeerId, NetworkMap> maps = new HashMap<>();
        for (PeerId id : peers) {
            PeerNode peer = snapshot.peers().get(id);
            if (peer != null) {
                maps.put(id, calculator.mapOf(peer, calculator.reachOf(peer)));
            }
        }
        return maps;
    }

    /**
     * Every peer's map, at serial 0. Peers in the same groups reach the same peers, so the reach is
     * worked out once per distinct set of groups.
     */
    public static Map<PeerId, NetworkMap> allMaps(AccountSnapshot snapshot) {
        NetworkMapCalculator calculator = new NetworkMapCalculator(snapshot);
        calculator.groupsOfPeer.putAll(calculator.groupsOfEveryPeer());
        Map<PeerId, NetworkMap> maps = new HashMap<>();
        for (PeerNode peer : snapshot.peers().values()) {
            maps.put(peer.id(), calculator.mapOf(peer, calculator.reachOf(peer)));
        }
        return maps;
    }

    private NetworkMap mapOf(PeerNode peer, Reach reach) {
        boolean active = snapshot.isActive(peer);
        DnsSections named = dns.isEmpty() ? DnsSections.DEFAULT
                : dns.sectionsFor(groupsOfPeer(peer), active, peer.overlayIp());
        PeerConfig config = MapRendering.config(peer, snapshot.network(), snapshot.dnsDomain(), named.management());
        if (!active) {
            return new NetworkMap(0, config, List.of(), List.of());
        }
        String ownId = peer.id().value();
        String ownAddress = MapRendering.hostAddress(peer);
        Set<PeerId> linked = routeLinks.getOrDefault(peer.id(), Set.of());
        SortedSet<RemotePeer> reached = reach.remotes;
        if (!linked.isEmpty()) {
            reached = new TreeSet<>(reach.remotes);
            for (PeerId remote : linked) {
                reached.add(rendered(snapshot.peers().get(remote)));
            }
        }
        List<RemotePeer> remotes = new ArrayList<>(reached.size());
        for (RemotePeer remote : reached) {
            if (!remote.id().equals(ownId)) {
                remotes.add(remote);
            }
        }
        List<InboundRule> inbound = new ArrayList<>(reach.inbound.size());
        for (InboundRule rule : reach.inbound) {
            if (!rule.source().equals(ownAddress)) {
                inbound.add(rule);
            }
        }
        RouteSections routes = routeSections.getOrDefault(peer.id(), RouteSections.NONE);
        return new NetworkMap(0, config, remotes, inbound, routes.routes(), routes.served(), routes.forwardRules(),
                named.nameserverGroups(), named.zones(), named.records());
    }

    private Reach reachOf(PeerNode peer) {
        return reachByGroups.computeIfAbsent(groupsOfPeer(peer), this::reach);
    }

    private Set<GroupId> groupsOfPeer(PeerNode peer) {
        return groupsOfPeer.computeIfAbsent(peer.id(), id -> groupsOf(peer));
    }

    /** What a member of exactly these groups reaches, itself possibly included. */
    private Reach reach(Set<GroupId> groups) {
        Reach reach = new Reach();
        Set<PolicyRule> rules = Collections.newSetFromMap(new IdentityHashMap<>());
        groups.forEach(group -> rules.addAll(rulesByGroup.getOrDefault(group, List.of())));
        for (PolicyRule rule : rules) {
            RuleShape shape = shapes.computeIfAbsent(rule, RuleShape::of);
            if (intersects(rule.sources(), groups)) {
                for (PeerNode destination : activeMembersOf(rule.destinations())) {
                    reach.remotes.add(rendered(destination));
                    if (rule.bidirectional()) {
                        reach.inbound.add(shape.from(destination));
                    }
                }
            }
            if (intersects(rule.destinations(), groups)) {
                for (PeerNode source : activeMembersOf(rule.sources())) {
                    reach.remotes.add(rendered(source));
                    reach.inbound.add(shape.from(source));
                }
            }
        }
        return reach;
    }

    private Set<GroupId> groupsOf(PeerNode peer) {
        Set<GroupId> groups = new HashSet<>();
        snapshot.groupMembers().forEach((group, members) -> {
            if (members.contains(peer.id())) {
                groups.add(group);
            }
        });
        addAllGroup(groups);
        return groups;
    }

    private Map<PeerId, Set<GroupId>> groupsOfEveryPeer() {
        Map<PeerId, Set<GroupId>> groups = new HashMap<>();
        snapshot.peers().keySet().forEach(peer -> addAllGroup(groups.computeIfAbsent(peer, id -> new HashSet<>())));
        snapshot.groupMembers().forEach((group, members) -> members.forEach(peer -> {
            Set<GroupId> ofPeer = groups.get(peer);
            if (ofPeer != null) {
                ofPeer.add(group);
            }
        }));
        return groups;
    }

    private void addAllGroup(Set<GroupId> groups) {
        if (snapshot.allGroup() != null) {
            groups.add(snapshot.allGroup());
        }
    }

    private List<PeerNode> activeMembersOf(Set<GroupId> groups) {
        List<PeerNode> members = new ArrayList<>();
        groups.forEach(group -> members.addAll(activeMembersOf(group)));
        return members;
    }

    private List<PeerNode> activeMembersOf(GroupId group) {
        return activeMembers.computeIfAbsent(group, this::findActiveMembers);
    }

    private List<PeerNode> findActiveMembers(GroupId group) {
        if (group.equals(snapshot.allGroup())) {
            return snapshot.peers().values().stream().filter(snapshot::isActive).toList();
        }
        return snapshot.groupMembers().getOrDefault(group, Set.of()).stream()
                .map(snapshot.peers()::get)
                .filter(peer -> peer != null && snapshot.isActive(peer))
                .toList();
    }

    private RemotePeer rendered(PeerNode peer) {
        return renderedRemotes.computeIfAbsent(peer.id(), id -> MapRendering.remote(peer, snapshot.dnsDomain()));
    }

    private static boolean intersects(Set<GroupId> a, Set<GroupId> b) {
        for (GroupId id : a) {
            if (b.contains(id)) {
                return true;
            }
        }
        return false;
    }

    /** The snapshot as the route rules ask about it. */
    private final class RouteInputs implements RouteTable.Inputs {

        @Override
        public Collection<PeerNode> activeMembersOf(GroupId group) {
            return NetworkMapCalculator.this.activeMembersOf(group);
        }

        @Override
        public PeerNode activePeer(PeerId id) {
            PeerNode peer = snapshot.peers().get(id);
            return peer != null && snapshot.isActive(peer) ? peer : null;
        }

        @Override
        public boolean isMember(PeerNode peer, GroupId group) {
            return groupsOfPeer(peer).contains(group);
        }

        @Override
        public Collection<PeerNode> policyRemotesOf(PeerNode peer) {
            List<PeerNode> remotes = new ArrayList<>();
            for (RemotePeer remote : reachOf(peer).remotes) {
                if (!remote.id().equals(peer.id().value())) {
                    remotes.add(snapshot.peers().get(new PeerId(remote.id())));
                }
            }
            return remotes;
        }

        @Override
        public Collection<PolicyRule> activeRules() {
            return activeRules;
        }
    }

    private static final class Reach {
        final SortedSet<RemotePeer> remotes = new TreeSet<>();
        final SortedSet<InboundRule> inbound = new TreeSet<>();
    }
}
