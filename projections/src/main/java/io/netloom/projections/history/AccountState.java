package io.netloom.projections.history;

import io.netloom.domain.common.Ipv4Network;
import io.netloom.domain.dns.DnsRecordDefinition;
import io.netloom.domain.dns.DnsSettings;
import io.netloom.domain.dns.DnsZoneDefinition;
import io.netloom.domain.dns.NameserverGroupDefinition;
import io.netloom.domain.ids.DnsRecordId;
import io.netloom.domain.ids.DnsZoneId;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.NameserverGroupId;
import io.netloom.domain.ids.NetworkId;
import io.netloom.domain.ids.NetworkResourceId;
import io.netloom.domain.ids.NetworkRouterId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.ids.PolicyId;
import io.netloom.domain.ids.RouteId;
import io.netloom.domain.ids.SetupKeyId;
import io.netloom.domain.ids.UserId;
import io.netloom.domain.network.ResourceDefinition;
import io.netloom.domain.network.RouterDefinition;
import io.netloom.projections.networkmap.AccountModel;
import io.netloom.projections.networkmap.AccountSnapshot;
import io.netloom.projections.networkmap.DnsInputs;
import io.netloom.projections.networkmap.NetworkRoutes;
import io.netloom.projections.networkmap.PeerMapUpdate;
import io.netloom.projections.networkmap.PeerNode;
import io.netloom.projections.networkmap.PolicySpec;
import io.netloom.projections.networkmap.RouteSpec;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * One account's network model as plain state, for the access history (ADR 0035): the inputs of every
 * peer's map, without the maps, so that it is cheap to replay, copy and store as a snapshot, and each
 * input remembers the event that set it, so that an explanation can cite it. It follows
 * {@code AccountNetwork}'s rules for every change exactly (IncrementalMatchesRecomputeTest compares their
 * snapshots after random histories); the maps themselves always come from {@code NetworkMapCalculator}.
 */
public final class AccountState implements AccountModel {

    private final Ipv4Network network;
    private String dnsDomain;
    private GroupId allGroup;
    /** Every group, with its explicit members and the event that added each. */
    private final Map<GroupId, Map<PeerId, EventPosition>> groups = new LinkedHashMap<>();
    private final Map<PeerId, PeerRecord> peers = new LinkedHashMap<>();
    private final Map<PolicyId, PolicyRecord> policies = new LinkedHashMap<>();
    private final Map<UserId, EventPosition> blockedUsers = new LinkedHashMap<>();
    private final Map<RouteId, RouteSpec> routes = new LinkedHashMap<>();
    private final Map<NetworkId, NetworkRoutes> networks = new LinkedHashMap<>();
    private final Map<SetupKeyId, UserId> setupKeyCreators = new HashMap<>();
    /**
     * DNS configuration: it changes what names resolve, never who reaches whom, so no answer about access cites
     * it; it is kept so that the maps of the past come out as they were sent, DNS sections included.
     */
    private DnsInputs dns = new DnsInputs();
    /** The event being applied; null for a change that is only proposed (a dry run). */
    private EventPosition cause;

    public AccountState(Ipv4Network network, String dnsDomain) {
        this.network = network;
        this.dnsDomain = dnsDomain;
    }

    /** A peer with the events that enrolled it and that last changed whether it may take part. */
    public record PeerRecord(PeerNode node, EventPosition enrolledBy, EventPosition standingChangedBy) {
    }

    public record PolicyRecord(PolicySpec spec, EventPosition changedBy) {
    }

    /** Attributes the following changes to this event (null: proposed, not stored). */
    public void causedBy(EventRef event) {
        cause = event == null ? null : new EventPosition(event.position());
    }

    // ---- changes

    @Override
    public List<PeerMapUpdate> changeDnsDomain(String domain) {
        dnsDomain = domain;
        return List.of();
    }

    @Override
    public List<PeerMapUpdate> addGroup(GroupId group, boolean builtIn) {
        if (!groups.containsKey(group)) {
            groups.put(group, new LinkedHashMap<>());
            if (builtIn) {
                allGroup = group;
            }
        }
        return List.of();
    }

    @Override
    public List<PeerMapUpdate> deleteGroup(GroupId group) {
        if (groups.remove(group) != null && group.equals(allGroup)) {
            allGroup = null;
        }
        return List.of();
    }

    /** Members of the built-in group are implicit, and peers or groups not (or no longer) known are ignored. */
    @Override
    public List<PeerMapUpdate> addToGroup(GroupId group, Set<PeerId> members) {
        Map<PeerId, EventPosition> explicit = groups.get(group);
        if (explicit != null && !group.equals(allGroup)) {
            members.stream().filter(peers::containsKey).forEach(peer -> explicit.putIfAbsent(peer, cause));
        }
        return List.of();
    }

    @Override
    public List<PeerMapUpdate> removeFromGroup(GroupId group, Set<PeerId> members) {
        Map<PeerId, EventPosition> explicit = groups.get(group);
        if (explicit != null) {
            members.forEach(explicit::remove);
        }
        return List.of();
    }

    @Override
    public List<PeerMapUpdate> addPeer(PeerNode node) {
        peers.putIfAbsent(node.id(), new PeerRecord(node, cause, cause));
        return List.of();
    }

    @Override
    public List<PeerMapUpdate> changePeer(PeerId id, UnaryOperator<PeerNode> change) {
        PeerRecord peer = peers.get(id);
        if (peer != null) {
            PeerNode next = change.apply(peer.node());
            boolean standingChanged = next.approved() != peer.node().approved()
                    || next.loginExpired() != peer.node().loginExpired();
            peers.put(id, new PeerRecord(next, peer.enrolledBy(), standingChanged ? cause : peer.standingChangedBy()));
        }
        return List.of();
    }

    @Override
    public List<PeerMapUpdate> removePeer(PeerId id) {
        if (peers.remove(id) != null) {
            groups.values().forEach(members -> members.remove(id));
        }
        return List.of();
    }

    @Override
    public List<PeerMapUpdate> putPolicy(PolicyId id, PolicySpec policy) {
        policies.put(id, new PolicyRecord(policy, cause));
        return List.of();
    }

    @Override
    public List<PeerMapUpdate> removePolicy(PolicyId id) {
        policies.remove(id);
        return List.of();
    }

    @Override
    public List<PeerMapUpdate> putRoute(RouteId id, RouteSpec route) {
        routes.put(id, route);
        return List.of();
    }

    @Override
    public List<PeerMapUpdate> removeRoute(RouteId id) {
        routes.remove(id);
        return List.of();
    }

    @Override
    public List<PeerMapUpdate> putNetworkResource(NetworkId network, NetworkResourceId id, ResourceDefinition resource) {
        networkRoutes(network).resources.put(id, resource);
        return List.of();
    }

    @Override
    public List<PeerMapUpdate> removeNetworkResource(NetworkId network, NetworkResourceId id) {
        networkRoutes(network).resources.remove(id);
        return List.of();
    }

    @Override
    public List<PeerMapUpdate> putNetworkRouter(NetworkId network, NetworkRouterId id, RouterDefinition router) {
        networkRoutes(network).routers.put(id, router);
        return List.of();
    }

    @Override
    public List<PeerMapUpdate> removeNetworkRouter(NetworkId network, NetworkRouterId id) {
        networkRoutes(network).routers.remove(id);
        return List.of();
    }

    @Override
    public List<PeerMapUpdate> removeNetwork(NetworkId network) {
        networks.remove(network);
        return List.of();
    }

    @Override
    public List<PeerMapUpdate> changeDnsSettings(DnsSettings settings) {
        dns.changeSettings(settings);
        return List.of();
    }

    @Override
    public List<PeerMapUpdate> putNameserverGroup(NameserverGroupId id, NameserverGroupDefinition group) {
        dns.putNameserverGroup(id, group);
        return List.of();
    }

    @Override
    public List<PeerMapUpdate> removeNameserverGroup(NameserverGroupId id) {
        dns.removeNameserverGroup(id);
        return List.of();
    }

    @Override
    public List<PeerMapUpdate> putDnsZone(DnsZoneId id, DnsZoneDefinition zone) {
        dns.putZone(id, zone);
        return List.of();
    }

    @Override
    public List<PeerMapUpdate> removeDnsZone(DnsZoneId id) {
        dns.removeZone(id);
        return List.of();
    }

    @Override
    public List<PeerMapUpdate> putDnsRecord(DnsZoneId zone, DnsRecordId id, DnsRecordDefinition record) {
        dns.putRecord(zone, id, record);
        return List.of();
    }

    @Override
    public List<PeerMapUpdate> removeDnsRecord(DnsZoneId zone, DnsRecordId id) {
        dns.removeRecord(zone, id);
        return List.of();
    }

    @Override
    public List<PeerMapUpdate> blockUser(UserId user) {
        blockedUsers.putIfAbsent(user, cause);
        return List.of();
    }

    @Override
    public List<PeerMapUpdate> unblockUser(UserId user) {
        blockedUsers.remove(user);
        return List.of();
    }

    @Override
    public void rememberSetupKeyCreator(SetupKeyId key, UserId creator) {
        setupKeyCreators.put(key, creator);
    }

    @Override
    public Optional<UserId> setupKeyCreator(SetupKeyId key) {
        return Optional.ofNullable(setupKeyCreators.get(key));
    }

    private NetworkRoutes networkRoutes(NetworkId id) {
        return networks.computeIfAbsent(id, key -> new NetworkRoutes());
    }

    // ---- reads

    @Override
    public AccountSnapshot snapshot() {
        Map<PeerId, PeerNode> nodes = new LinkedHashMap<>();
        peers.forEach((id, peer) -> nodes.put(id, peer.node()));
        Map<GroupId, Set<PeerId>> members = new HashMap<>();
        // Copied: a snapshot must stay as it was while the state goes on changing (a dry run compares the two).
        groups.forEach((group, explicit) -> members.put(group, Set.copyOf(explicit.keySet())));
        Map<PolicyId, PolicySpec> specs = new LinkedHashMap<>();
        policies.forEach((id, policy) -> specs.put(id, policy.spec()));
        return new AccountSnapshot(network, dnsDomain, allGroup, nodes, members, specs, blockedUsers.keySet(),
                NetworkRoutes.allSpecs(routes.values(), networks), dns.spec());
    }

    /**
     * Exactly {@code AccessFlows.twoPeers(snapshot(), first, second)}, without copying the whole account first: a
     * timeline evaluates one pair after many events, and {@link #snapshot()} of a large account copies every peer.
     */
    public AccountSnapshot snapshotOf(PeerId first, PeerId second) {
        Map<PeerId, PeerNode> nodes = new HashMap<>();
        for (PeerId id : List.of(first, second)) {
            PeerRecord peer = peers.get(id);
            if (peer != null) {
                nodes.put(id, peer.node());
            }
        }
        Map<GroupId, Set<PeerId>> members = new HashMap<>();
        groups.forEach((group, explicit) -> {
            Set<PeerId> kept = new HashSet<>();
            nodes.keySet().forEach(id -> {
                if (explicit.containsKey(id)) {
                    kept.add(id);
                }
            });
            members.put(group, kept);
        });
        Map<PolicyId, PolicySpec> specs = new HashMap<>();
        policies.forEach((id, policy) -> specs.put(id, policy.spec()));
        return new AccountSnapshot(network, dnsDomain, allGroup, nodes, members, specs, blockedUsers.keySet(),
                List.of());
    }

    public Optional<PeerRecord> peer(PeerId id) {
        return Optional.ofNullable(peers.get(id));
    }

    public Map<PeerId, PeerRecord> peers() {
        return Collections.unmodifiableMap(peers);
    }

    /** The built-in group every peer belongs to without being listed, or null. */
    public GroupId allGroup() {
        return allGroup;
    }

    public boolean hasGroup(GroupId group) {
        return groups.containsKey(group);
    }

    /** The group's explicit members, each with the event that added it (empty for an unknown group). */
    public Map<PeerId, EventPosition> membersOf(GroupId group) {
        return Collections.unmodifiableMap(groups.getOrDefault(group, Map.of()));
    }

    /** The groups the peer belongs to, the built-in one included. */
    public Set<GroupId> groupsOf(PeerId peer) {
        Set<GroupId> of = new LinkedHashSet<>();
        if (allGroup != null && peers.containsKey(peer)) {
            of.add(allGroup);
        }
        groups.forEach((group, members) -> {
            if (members.containsKey(peer)) {
                of.add(group);
            }
        });
        return of;
    }

    public Map<PolicyId, PolicyRecord> policies() {
        return Collections.unmodifiableMap(policies);
    }

    public boolean isBlocked(UserId user) {
        return blockedUsers.containsKey(user);
    }

    /** The stored event that blocked (or deleted) the user; empty when not blocked, or blocked only in a dry run. */
    public Optional<EventPosition> blockOf(UserId user) {
        return Optional.ofNullable(blockedUsers.get(user));
    }

    /** An independent copy, for trying changes on (a dry run). */
    public AccountState copy() {
        return AccountStateData.of(this).toState();
    }

    // ---- for AccountStateData: the state's parts as they are

    Ipv4Network network() {
        return network;
    }

    String dnsDomain() {
        return dnsDomain;
    }

    Map<GroupId, Map<PeerId, EventPosition>> groupMembers() {
        return groups;
    }

    Map<UserId, EventPosition> blockedUsers() {
        return blockedUsers;
    }

    Map<RouteId, RouteSpec> routes() {
        return routes;
    }

    Map<NetworkId, NetworkRoutes> networks() {
        return networks;
    }

    Map<SetupKeyId, UserId> setupKeyCreators() {
        return setupKeyCreators;
    }

    DnsInputs dns() {
        return dns;
    }

    void restoreDns(DnsInputs inputs) {
        dns = inputs;
    }

    void restoreAllGroup(GroupId group) {
        allGroup = group;
    }

    void restorePeer(PeerRecord peer) {
        peers.put(peer.node().id(), peer);
    }

    void restorePolicy(PolicyId id, PolicyRecord policy) {
        policies.put(id, policy);
    }
}
