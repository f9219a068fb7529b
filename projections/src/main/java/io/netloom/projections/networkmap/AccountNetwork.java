package io.netloom.projections.networkmap;

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
import io.netloom.domain.policy.PolicyRule;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The network maps of one account, kept up to date change by change. Each change touches only what
 * it must: indexes from group to active members and from group to the rules naming it lead from a
 * change to the (rule, source peer, destination peer) combinations it creates or ends, and every
 * such combination adjusts reference counts in the two peers' maps. Every method returns the
 * deltas of the maps that really changed. Not thread-safe: {@link NetworkMaps} serialises access.
 *
 * <p>Routes are kept differently (ADR 0031): after every change that can alter them, the routes sections of
 * the peers the account's routes concern are computed again by {@link RouteTable} and compared with what each
 * peer holds. An account without routes skips this entirely.
 */
public final class AccountNetwork implements AccountModel {

    private final Ipv4Network network;
    private String dnsDomain;
    private GroupId allGroup;
    private final Map<PeerId, PeerSlot> peers = new LinkedHashMap<>();
    private final List<PeerSlot> slots = new ArrayList<>();
    private final Map<GroupId, Set<PeerSlot>> activeMembers = new HashMap<>();
    private final Map<GroupId, List<ActiveRule>> rulesByGroup = new HashMap<>();
    private final Map<PolicyId, PolicySpec> policies = new LinkedHashMap<>();
    private final Map<PolicyId, List<ActiveRule>> rulesByPolicy = new HashMap<>();
    private final Map<RuleShape, Integer> shapeIds = new HashMap<>();
    private final List<RuleShape> shapes = new ArrayList<>();
    private final Set<UserId> blockedUsers = new HashSet<>();
    private final Map<UserId, Set<PeerSlot>> peersByOwner = new HashMap<>();
    private final Map<RouteId, RouteSpec> routes = new LinkedHashMap<>();
    private final Map<NetworkId, NetworkRoutes> networks = new LinkedHashMap<>();
    private final Map<SetupKeyId, UserId> setupKeyCreators = new HashMap<>();
    /** Peers holding routes sections other than none; ordered, so that replays publish in the same order. */
    private final Set<PeerSlot> routed = new LinkedHashSet<>();
    /** The (client, routing peer) pairs network resources currently link, counted in both peers' remotes. */
    private Set<SlotLink> resourceLinks = new LinkedHashSet<>();
    private final RouteTable.Inputs routeInputs = new RouteInputs();
    private final DnsInputs dns = new DnsInputs();
    /** The rules over {@link #dns} as they stand; null after the configuration changed, until next needed. */
    private DnsTable dnsTable;
    /** Peers holding DNS sections other than the default; ordered, so that replays publish in the same order. */
    private final Set<PeerSlot> dnsHolders = new LinkedHashSet<>();
    /** Peers whose DNS sections a change may have altered; computed again before its deltas. */
    private final Set<PeerSlot> dnsStale = new LinkedHashSet<>();
    /** Set by a change of the DNS configuration itself: every peer's sections are computed again. */
    private boolean allDnsStale;
    private ChangeRecorder recorder;
    /** Set while the model is rebuilt from saved inputs: changes then go unrecorded ({@link #rebuild}). */
    private boolean rebuilding;
    /** Set by a change that may alter routes sections, which are then computed again before its deltas. */
    private boolean routesStale;

    public AccountNetwork(Ipv4Network network, String dnsDomain) {
        this.network = network;
        this.dnsDomain = dnsDomain;
    }

    // ---- changes

    @Override
    public List<PeerMapUpdate> changeDnsDomain(String domain) {
        return change(() -> {
            if (domain.equals(dnsDomain)) {
                return;
            }
            for (PeerSlot peer : peers.values()) {
                recorder.touchConfig(peer);
                peer.remotes.forEachKey(remote -> recorder.touchRemote(peer, slot((int) remote)));
            }
            dnsDomain = domain;
        });
    }

    @Override
    public List<PeerMapUpdate> addGroup(GroupId group, boolean builtIn) {
        return change(() -> {
            routesStale = true;
            if (activeMembers.containsKey(group)) {
                return;
            }
            Set<PeerSlot> members = new LinkedHashSet<>();
            activeMembers.put(group, members);
            if (builtIn) {
                allGroup = group;
                peers.values().stream().filter(peer -> peer.active).forEach(members::add);
                allDnsStale = true;
            }
            rulesByGroup.getOrDefault(group, List.of()).forEach(rule -> rule.contribute(this, 1, Set.of(group)));
        });
    }

    @Override
    public List<PeerMapUpdate> deleteGroup(GroupId group) {
        return change(() -> {
            routesStale = true;
            if (!activeMembers.containsKey(group)) {
                return;
            }
            rulesByGroup.getOrDefault(group, List.of()).forEach(rule -> rule.contribute(this, -1, Set.of(group)));
            activeMembers.remove(group);
            for (PeerSlot peer : peers.values()) {
                if (peer.groups.remove(group)) {
                    dnsStale.add(peer);
                }
            }
            if (group.equals(allGroup)) {
                allGroup = null;
                allDnsStale = true;
            }
        });
    }

    @Override
    public List<PeerMapUpdate> addToGroup(GroupId group, Set<PeerId> members) {
        return change(() -> {
            routesStale = true;
            if (!activeMembers.containsKey(group) || group.equals(allGroup)) {
                return;
            }
            for (PeerId id : members) {
                PeerSlot peer = peers.get(id);
                if (peer != null && peer.groups.add(group)) {
                    dnsStale.add(peer);
                    if (peer.active) {
                        join(peer, group, 1);
                    }
                }
            }
        });
    }

    @Override
    public List<PeerMapUpdate> removeFromGroup(GroupId group, Set<PeerId> members) {
        return change(() -> {
            routesStale = true;
            for (PeerId id : members) {
                PeerSlot peer = peers.get(id);
                if (peer != null && peer.groups.remove(group)) {
                    dnsStale.add(peer);
                    if (peer.active) {
                        join(peer, group, -1);
                    }
                }
            }
        });
    }

    /** Adds a peer; a peer already known is left as it is (enrollment is idempotent). */
    @Override
    public List<PeerMapUpdate> addPeer(PeerNode node) {
        return change(() -> {
            routesStale = true;
            if (peers.containsKey(node.id())) {
                return;
            }
            PeerSlot peer = new PeerSlot(slots.size(), node);
            slots.add(peer);
            peers.put(node.id(), peer);
            if (node.owner() != null) {
                peersByOwner.computeIfAbsent(node.owner(), owner -> new LinkedHashSet<>()).add(peer);
            }
            recorder.touchNewPeer(peer);
            dnsStale.add(peer);
            if (isActive(node)) {
                activate(peer);
            }
        });
    }

    /** Changes a peer's attributes (address, name, approval, presence); its owner never changes. */
    @Override
    public List<PeerMapUpdate> changePeer(PeerId id, UnaryOperator<PeerNode> change) {
        return change(() -> {
            PeerSlot peer = peers.get(id);
            if (peer == null) {
                return;
            }
            PeerNode next = change.apply(peer.node);
            boolean nowActive = isActive(next);
            // Presence and names never change routes: only who takes part and the addresses forwarded from.
            routesStale = peer.active != nowActive || !next.overlayIp().equals(peer.node.overlayIp());
            if (routesStale) {
                // The same two attributes are all of the peer that its DNS sections depend on, groups aside.
                dnsStale.add(peer);
            }
            if (peer.active && !nowActive) {
                deactivate(peer);
            }
            if (next.looksDifferentFrom(peer.node)) {
                touchObservers(peer, !next.overlayIp().equals(peer.node.overlayIp()));
            }
            peer.node = next;
            if (!peer.active && nowActive) {
                activate(peer);
            }
        });
    }

    @Override
    public List<PeerMapUpdate> removePeer(PeerId id) {
        return change(() -> {
            routesStale = true;
            PeerSlot peer = peers.get(id);
            if (peer == null) {
                return;
            }
            if (peer.active) {
                deactivate(peer);
            }
            peers.remove(id);
            peer.remotes.clear();
            peer.inbound.clear();
            peer.routeLinks.clear();
            peer.routeSections = RouteSections.NONE;
            routed.remove(peer);
            peer.dnsSections = DnsSections.DEFAULT;
            dnsHolders.remove(peer);
            dnsStale.remove(peer);
            if (peer.node.owner() != null) {
                peersByOwner.getOrDefault(peer.node.owner(), Set.of()).remove(peer);
            }
            recorder.forget(peer);
        });
    }

    /** Creates or replaces a policy. */
    @Override
    public List<PeerMapUpdate> putPolicy(PolicyId id, PolicySpec policy) {
        return change(() -> {
            routesStale = true;
            withdrawRules(id);
            policies.put(id, policy);
            List<ActiveRule> rules = policy.activeRules().stream().map(this::activeRule).toList();
            rulesByPolicy.put(id, rules);
            for (ActiveRule rule : rules) {
                rule.groups().forEach(group -> rulesByGroup.computeIfAbsent(group, key -> new ArrayList<>()).add(rule));
                rule.contribute(this, 1, null);
            }
        });
    }

    @Override
    public List<PeerMapUpdate> removePolicy(PolicyId id) {
        return change(() -> {
            routesStale = true;
            withdrawRules(id);
            policies.remove(id);
        });
    }

    /** Creates or replaces a route of /api/routes. */
    @Override
    public List<PeerMapUpdate> putRoute(RouteId id, RouteSpec route) {
        return changeRoutes(() -> routes.put(id, route));
    }

    @Override
    public List<PeerMapUpdate> removeRoute(RouteId id) {
        return changeRoutes(() -> routes.remove(id));
    }

    /** Creates or replaces a network resource; its network need not be known yet. */
    @Override
    public List<PeerMapUpdate> putNetworkResource(NetworkId network, NetworkResourceId id, ResourceDefinition resource) {
        return changeRoutes(() -> networkRoutes(network).resources.put(id, resource));
    }

    @Override
    public List<PeerMapUpdate> removeNetworkResource(NetworkId network, NetworkResourceId id) {
        return changeRoutes(() -> networkRoutes(network).resources.remove(id));
    }

    /** Creates or replaces a network router. */
    @Override
    public List<PeerMapUpdate> putNetworkRouter(NetworkId network, NetworkRouterId id, RouterDefinition router) {
        return changeRoutes(() -> networkRoutes(network).routers.put(id, router));
    }

    @Override
    public List<PeerMapUpdate> removeNetworkRouter(NetworkId network, NetworkRouterId id) {
        return changeRoutes(() -> networkRoutes(network).routers.remove(id));
    }

    /** Removes a network with its resources and routers. */
    @Override
    public List<PeerMapUpdate> removeNetwork(NetworkId network) {
        return changeRoutes(() -> networks.remove(network));
    }

    @Override
    public List<PeerMapUpdate> changeDnsSettings(DnsSettings settings) {
        return changeDns(() -> dns.changeSettings(settings));
    }

    @Override
    public List<PeerMapUpdate> putNameserverGroup(NameserverGroupId id, NameserverGroupDefinition group) {
        return changeDns(() -> dns.putNameserverGroup(id, group));
    }

    @Override
    public List<PeerMapUpdate> removeNameserverGroup(NameserverGroupId id) {
        return changeDns(() -> dns.removeNameserverGroup(id));
    }

    /** Creates or replaces a custom zone's own settings; its records stay. */
    @Override
    public List<PeerMapUpdate> putDnsZone(DnsZoneId id, DnsZoneDefinition zone) {
        return changeDns(() -> dns.putZone(id, zone));
    }

    @Override
    public List<PeerMapUpdate> removeDnsZone(DnsZoneId id) {
        return changeDns(() -> dns.removeZone(id));
    }

    @Override
    public List<PeerMapUpdate> putDnsRecord(DnsZoneId zone, DnsRecordId id, DnsRecordDefinition record) {
        return changeDns(() -> dns.putRecord(zone, id, record));
    }

    @Override
    public List<PeerMapUpdate> removeDnsRecord(DnsZoneId zone, DnsRecordId id) {
        return changeDns(() -> dns.removeRecord(zone, id));
    }

    @Override
    public List<PeerMapUpdate> blockUser(UserId user) {
        return changeOwnerStanding(user, true);
    }

    @Override
    public List<PeerMapUpdate> unblockUser(UserId user) {
        return changeOwnerStanding(user, false);
    }

    @Override
    public void rememberSetupKeyCreator(SetupKeyId key, UserId creator) {
        setupKeyCreators.put(key, creator);
    }

    @Override
    public Optional<UserId> setupKeyCreator(SetupKeyId key) {
        return Optional.ofNullable(setupKeyCreators.get(key));
    }

    // ---- reads

    public Optional<NetworkMap> mapOf(PeerId id) {
        PeerSlot peer = peers.get(id);
        if (peer == null) {
            return Optional.empty();
        }
        List<RemotePeer> remotes = new ArrayList<>(peer.remotes.size());
        peer.remotes.forEachKey(index -> remotes.add(renderRemote(slot((int) index))));
        List<InboundRule> rules = new ArrayList<>(peer.inbound.size());
        peer.inbound.forEachKey(key -> rules.add(renderRule(key)));
        remotes.sort(null);
        rules.sort(null);
        RouteSections routed = peer.routeSections;
        DnsSections named = peer.dnsSections;
        return Optional.of(new NetworkMap(peer.serial, renderConfig(peer), remotes, rules, routed.routes(),
                routed.served(), routed.forwardRules(), named.nameserverGroups(), named.zones(), named.records()));
    }

    /** The serial of the peer's current map, if the peer is known; costs nothing, unlike {@link #mapOf}. */
    public OptionalLong serialOf(PeerId id) {
        PeerSlot peer = peers.get(id);
        return peer == null ? OptionalLong.empty() : OptionalLong.of(peer.serial);
    }

    /** Every peer's serial, in enrollment order. */
    Map<PeerId, Long> serials() {
        Map<PeerId, Long> serials = new LinkedHashMap<>();
        peers.forEach((id, peer) -> serials.put(id, peer.serial));
        return serials;
    }

    /**
     * A model holding the maps {@code inputs} make in an empty one, its peers' serials going on from {@code serials}
     * (ADR 0054). The changes are made without working out deltas (ADR 0065): the maps come out the same, and every
     * serial the rebuild would have advanced is then set from {@code serials}; a peer that has none there starts at
     * serial 0 rather than at the number of changes that touched it.
     */
    static AccountNetwork rebuild(Ipv4Network network, String dnsDomain, Consumer<AccountModel> inputs,
            Map<PeerId, Long> serials) {
        AccountNetwork rebuilt = new AccountNetwork(network, dnsDomain);
        rebuilt.rebuilding = true;
        try {
            inputs.accept(rebuilt);
        } finally {
            rebuilt.rebuilding = false;
        }
        rebuilt.restoreSerials(serials);
        return rebuilt;
    }

    /**
     * Sets serials a snapshot kept (ADR 0054): a model rebuilt from its inputs holds the same maps, but daemons apply
     * a delta only on top of the serial they hold, so the serials must go on from where they were. Unknown peers are
     * passed over.
     */
    private void restoreSerials(Map<PeerId, Long> serials) {
        serials.forEach((id, serial) -> {
            PeerSlot peer = peers.get(id);
            if (peer != null) {
                peer.serial = serial;
            }
        });
    }

    /** How many peers the peer may reach, or 0 for an unknown peer. */
    public int reachableCount(PeerId id) {
        PeerSlot peer = peers.get(id);
        return peer == null ? 0 : peer.remotes.size();
    }

    /** Whether {@code from} may reach {@code to}; false for unknown peers. */
    public boolean reaches(PeerId from, PeerId to) {
        PeerSlot source = peers.get(from);
        PeerSlot destination = peers.get(to);
        return source != null && destination != null && source.remotes.contains(destination.index);
    }

    /** Whether the peer's owner is blocked or deleted: such a peer must hold no session at all. */
    public boolean isCutOff(PeerId id) {
        PeerSlot peer = peers.get(id);
        return peer != null && peer.node.owner() != null && blockedUsers.contains(peer.node.owner());
    }

    public Set<PeerId> peersOwnedBy(UserId user) {
        Set<PeerId> owned = new LinkedHashSet<>();
        peersByOwner.getOrDefault(user, Set.of()).forEach(peer -> owned.add(peer.node.id()));
        return owned;
    }

    public Set<PeerId> peerIds() {
        return Set.copyOf(peers.keySet());
    }

    /**
     * This model's inputs recreated, through its changes, in a model made by {@code create} from the account's
     * network and DNS domain: a plain copy to try proposed changes on (a dry run) while the live maps stay as
     * they are. IncrementalMatchesRecomputeTest requires the copy's {@code snapshot()} to equal this one's.
     */
    public <M extends AccountModel> M copyInputs(BiFunction<Ipv4Network, String, M> create) {
        M copy = create.apply(network, dnsDomain);
        activeMembers.keySet().forEach(group -> copy.addGroup(group, group.equals(allGroup)));
        Map<GroupId, Set<PeerId>> members = new LinkedHashMap<>();
        for (PeerSlot peer : peers.values()) {
            copy.addPeer(peer.node);
            peer.groups.forEach(group -> members.computeIfAbsent(group, key -> new LinkedHashSet<>()).add(peer.node.id()));
        }
        members.forEach(copy::addToGroup);
        policies.forEach(copy::putPolicy);
        routes.forEach(copy::putRoute);
        networks.forEach((id, routed) -> {
            routed.resources.forEach((resource, definition) -> copy.putNetworkResource(id, resource, definition));
            routed.routers.forEach((router, definition) -> copy.putNetworkRouter(id, router, definition));
        });
        blockedUsers.forEach(copy::blockUser);
        setupKeyCreators.forEach(copy::rememberSetupKeyCreator);
        dns.copyInto(copy);
        return copy;
    }

    /** The inputs as they stand, for a full recomputation with {@link NetworkMapCalculator}. */
    @Override
    public AccountSnapshot snapshot() {
        Map<PeerId, PeerNode> nodes = new LinkedHashMap<>();
        Map<GroupId, Set<PeerId>> members = new HashMap<>();
        activeMembers.keySet().forEach(group -> members.put(group, new HashSet<>()));
        for (PeerSlot peer : peers.values()) {
            nodes.put(peer.node.id(), peer.node);
            peer.groups.forEach(group -> members.get(group).add(peer.node.id()));
        }
        return new AccountSnapshot(network, dnsDomain, allGroup, nodes, members, policies, blockedUsers, routeSpecs(),
                dns.spec());
    }

    // ---- the incremental core

    /**
     * Every (rule, source, destination) combination the peer's membership of the group takes part in,
     * counted up ({@code sign} 1) or down (-1). Combinations through the peer's other groups are
     * untouched: they are counted by those memberships.
     */
    private void join(PeerSlot peer, GroupId group, int sign) {
        for (ActiveRule rule : rulesByGroup.getOrDefault(group, List.of())) {
            if (rule.rule().sources().contains(group)) {
                rule.rule().destinations().forEach(other ->
                        membersOf(other).forEach(destination -> pair(rule, peer, destination, sign)));
            }
            if (rule.rule().destinations().contains(group)) {
                rule.rule().sources().forEach(other ->
                        membersOf(other).forEach(source -> pair(rule, source, peer, sign)));
            }
        }
        Set<PeerSlot> members = activeMembers.get(group);
        if (sign > 0) {
            members.add(peer);
        } else {
            members.remove(peer);
        }
    }

    /** Counts one combination in both peers' maps. */
    void pair(ActiveRule rule, PeerSlot source, PeerSlot destination, int sign) {
        if (source == destination) {
            return;
        }
        recorder.touchRemote(source, destination);
        source.remotes.add(destination.index, sign);
        recorder.touchRemote(destination, source);
        destination.remotes.add(source.index, sign);
        long fromSource = PeerSlot.ruleKey(source, rule.shapeId());
        recorder.touchRule(destination, fromSource);
        destination.inbound.add(fromSource, sign);
        if (rule.rule().bidirectional()) {
            long fromDestination = PeerSlot.ruleKey(destination, rule.shapeId());
            recorder.touchRule(source, fromDestination);
            source.inbound.add(fromDestination, sign);
        }
    }

    Set<PeerSlot> membersOf(GroupId group) {
        return activeMembers.getOrDefault(group, Set.of());
    }

    private void activate(PeerSlot peer) {
        peer.active = true;
        for (GroupId group : groupsOf(peer)) {
            join(peer, group, 1);
        }
    }

    private void deactivate(PeerSlot peer) {
        for (GroupId group : groupsOf(peer)) {
            join(peer, group, -1);
        }
        peer.active = false;
    }

    private List<GroupId> groupsOf(PeerSlot peer) {
        List<GroupId> groups = new ArrayList<>(peer.groups);
        if (allGroup != null) {
            groups.add(allGroup);
        }
        return groups;
    }

    /** Records how the peer looked to everyone who sees it, before its attributes change. */
    private void touchObservers(PeerSlot peer, boolean addressChanges) {
        recorder.touchConfig(peer);
        recorder.rememberNode(peer);
        peer.remotes.forEachKey(index -> {
            PeerSlot observer = slot((int) index);
            recorder.touchRemote(observer, peer);
            if (addressChanges) {
                observer.inbound.forEachKey(key -> {
                    if (PeerSlot.sourceIndexOf(key) == peer.index) {
                        recorder.touchRule(observer, key);
                    }
                });
            }
        });
    }

    private void withdrawRules(PolicyId id) {
        for (ActiveRule rule : rulesByPolicy.getOrDefault(id, List.of())) {
            rule.contribute(this, -1, null);
            rule.groups().forEach(group -> rulesByGroup.get(group).remove(rule));
        }
        rulesByPolicy.remove(id);
    }

    private List<PeerMapUpdate> changeOwnerStanding(UserId user, boolean blocked) {
        return change(() -> {
            routesStale = true;
            boolean changed = blocked ? blockedUsers.add(user) : blockedUsers.remove(user);
            if (!changed) {
                return;
            }
            for (PeerSlot peer : List.copyOf(peersByOwner.getOrDefault(user, Set.of()))) {
                dnsStale.add(peer);
                boolean nowActive = isActive(peer.node);
                if (peer.active && !nowActive) {
                    deactivate(peer);
                } else if (!peer.active && nowActive) {
                    activate(peer);
                }
            }
        });
    }

    private boolean isActive(PeerNode node) {
        return node.isActiveUnder(blockedUsers);
    }

    private ActiveRule activeRule(PolicyRule rule) {
        int id = shapeIds.computeIfAbsent(RuleShape.of(rule), shape -> {
            shapes.add(shape);
            return shapes.size() - 1;
        });
        return new ActiveRule(rule, id);
    }

    private List<PeerMapUpdate> change(Runnable body) {
        recorder = rebuilding ? ChangeRecorder.quiet(this) : new ChangeRecorder(this, dnsDomain);
        routesStale = false;
        try {
            body.run();
            if (routesStale) {
                refreshRoutes();
            }
            refreshDns();
            return recorder.updates();
        } finally {
            recorder = null;
            dnsStale.clear();
            allDnsStale = false;
        }
    }

    private List<PeerMapUpdate> changeDns(Runnable body) {
        return change(() -> {
            body.run();
            dnsTable = null;
            allDnsStale = true;
        });
    }

    private List<PeerMapUpdate> changeRoutes(Runnable body) {
        return change(() -> {
            routesStale = true;
            body.run();
        });
    }

    // ---- routes (ADR 0031)

    private NetworkRoutes networkRoutes(NetworkId id) {
        return networks.computeIfAbsent(id, key -> new NetworkRoutes());
    }

    private List<RouteSpec> routeSpecs() {
        return NetworkRoutes.allSpecs(routes.values(), networks);
    }

    /**
     * Computes the routes sections of every peer the routes concern again, and applies the difference: links of
     * network resources counted in or out of remotes, and sections replaced where they changed. Costs nothing
     * while the account has no routes and no peer still holds any.
     */
    private void refreshRoutes() {
        List<RouteSpec> specs = routeSpecs();
        if (specs.isEmpty() && routed.isEmpty() && resourceLinks.isEmpty()) {
            return;
        }
        RouteTable table = RouteTable.compute(specs, routeInputs);
        Set<SlotLink> nextLinks = new LinkedHashSet<>();
        table.links().forEach(link -> nextLinks.add(new SlotLink(peers.get(link.client()), peers.get(link.router()))));
        resourceLinks.stream().filter(link -> !nextLinks.contains(link)).forEach(link -> count(link, -1));
        nextLinks.stream().filter(link -> !resourceLinks.contains(link)).forEach(link -> count(link, 1));
        resourceLinks = nextLinks;

        Map<PeerId, RouteSections> next = table.sections();
        Set<PeerSlot> concerned = new LinkedHashSet<>(routed);
        next.keySet().forEach(id -> concerned.add(peers.get(id)));
        for (PeerSlot peer : concerned) {
            RouteSections sections = next.getOrDefault(peer.node.id(), RouteSections.NONE);
            if (!sections.equals(peer.routeSections)) {
                recorder.touchRoutes(peer);
                peer.routeSections = sections;
            }
            if (sections.equals(RouteSections.NONE)) {
                routed.remove(peer);
            } else {
                routed.add(peer);
            }
        }
    }

    // ---- DNS (ADR 0043)

    /**
     * Computes the DNS sections of the peers a change may have altered again, and records those that differ.
     * Costs nothing while the account has no DNS configuration and no peer still holds sections from one.
     */
    private void refreshDns() {
        if (dnsTable == null) {
            dnsTable = new DnsTable(dns.spec());
        }
        if (dnsTable.isEmpty() && dnsHolders.isEmpty()) {
            return;
        }
        Collection<PeerSlot> concerned = allDnsStale ? peers.values() : dnsStale;
        Map<DnsTransition, Boolean> changes = new HashMap<>();
        for (PeerSlot peer : concerned) {
            DnsSections sections = dnsTable.sectionsFor(groupsOf(peer), peer.active, peer.node.overlayIp());
            if (changes.computeIfAbsent(new DnsTransition(peer.dnsSections, sections), DnsTransition::changes)) {
                recorder.touchDns(peer);
                peer.dnsSections = sections;
            }
            if (sections.equals(DnsSections.DEFAULT)) {
                dnsHolders.remove(peer);
            } else {
                dnsHolders.add(peer);
            }
        }
    }

    /** Counts a resource link in or out of both peers' remotes; a peer removed meanwhile has nothing to count. */
    private void count(SlotLink link, int sign) {
        countSide(link.client(), link.router(), sign);
        countSide(link.router(), link.client(), sign);
    }

    private void countSide(PeerSlot peer, PeerSlot remote, int sign) {
        if (peers.get(peer.node.id()) != peer) {
            return;
        }
        recorder.touchRemote(peer, remote);
        peer.remotes.add(remote.index, sign);
        peer.routeLinks.add(remote.index, sign);
    }

    /** A resource link between two slots; slots compare by identity, so a re-enrolled peer is a new one. */
    private record SlotLink(PeerSlot client, PeerSlot router) {
    }

    /** The model as the route rules ask about it. */
    private final class RouteInputs implements RouteTable.Inputs {

        @Override
        public Collection<PeerNode> activeMembersOf(GroupId group) {
            return membersOf(group).stream().map(peer -> peer.node).toList();
        }

        @Override
        public PeerNode activePeer(PeerId id) {
            PeerSlot peer = peers.get(id);
            return peer != null && peer.active ? peer.node : null;
        }

        @Override
        public boolean isMember(PeerNode peer, GroupId group) {
            return group.equals(allGroup) || peers.get(peer.id()).groups.contains(group);
        }

        @Override
        public Collection<PeerNode> policyRemotesOf(PeerNode peer) {
            PeerSlot slot = peers.get(peer.id());
            List<PeerNode> remotes = new ArrayList<>();
            slot.remotes.forEachKey(index -> {
                if (slot.remotes.get(index) > slot.routeLinks.get(index)) {
                    remotes.add(slot((int) index).node);
                }
            });
            return remotes;
        }

        @Override
        public Collection<PolicyRule> activeRules() {
            List<PolicyRule> rules = new ArrayList<>();
            rulesByPolicy.values().forEach(active -> active.forEach(rule -> rules.add(rule.rule())));
            return rules;
        }
    }

    // ---- rendering, for the recorder and reads

    PeerSlot slot(int index) {
        return slots.get(index);
    }

    RemotePeer renderRemote(PeerSlot peer) {
        return MapRendering.remote(peer.node, dnsDomain);
    }

    InboundRule renderRule(long key) {
        return renderRule(key, slot(PeerSlot.sourceIndexOf(key)).node);
    }

    /** The rule as seen with the source's attributes {@code source}, which may be its attributes before a change. */
    InboundRule renderRule(long key, PeerNode source) {
        return shapes.get(PeerSlot.shapeIdOf(key)).from(source);
    }

    String dnsDomain() {
        return dnsDomain;
    }

    PeerConfig renderConfig(PeerSlot peer) {
        return MapRendering.config(peer.node, network, dnsDomain, peer.dnsSections.management());
    }
}
