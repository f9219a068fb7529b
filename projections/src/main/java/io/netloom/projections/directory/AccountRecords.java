package io.netloom.projections.directory;

import io.netloom.domain.dns.DnsRecordDefinition;
import io.netloom.domain.dns.DnsSettings;
import io.netloom.domain.dns.DnsZoneDefinition;
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
import io.netloom.domain.ids.TokenId;
import io.netloom.domain.ids.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
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
 * Everything the API reads about one account. Guarded by its own monitor: writers are the event
 * handlers, readers are API requests, and one account never waits for another.
 */
public final class AccountRecords {

    private AccountView account;
    private final Map<UserId, UserView> users = new LinkedHashMap<>();
    private final Map<UserId, Map<TokenId, TokenView>> tokens = new HashMap<>();
    private final Map<GroupId, GroupView> groups = new LinkedHashMap<>();
    private final Map<GroupId, Set<PeerId>> members = new HashMap<>();
    private final Map<PeerId, Set<GroupId>> groupsOfPeer = new HashMap<>();
    private final Map<PeerId, PeerView> peers = new LinkedHashMap<>();
    private final Map<PeerId, PeerPresence> presence = new HashMap<>();
    private final Map<String, PeerId> peerByOverlayIp = new HashMap<>();
    private final Map<String, PeerId> peerByDnsLabel = new HashMap<>();
    private final Map<SetupKeyId, SetupKeyView> setupKeys = new LinkedHashMap<>();
    private final Map<PolicyId, PolicyView> policies = new LinkedHashMap<>();
    private final Map<RouteId, RouteView> routes = new LinkedHashMap<>();
    private final Map<NetworkId, NetworkView> networks = new LinkedHashMap<>();
    private final Map<NetworkResourceId, NetworkResourceView> networkResources = new LinkedHashMap<>();
    private final Map<NetworkRouterId, NetworkRouterView> networkRouters = new LinkedHashMap<>();
    private final Map<TokenId, ScimTokenView> scimTokens = new LinkedHashMap<>();
    private final Map<NameserverGroupId, NameserverGroupView> nameserverGroups = new LinkedHashMap<>();
    private DnsSettings dnsSettings = DnsSettings.NONE;
    private final Map<DnsZoneId, DnsZoneDefinition> dnsZones = new LinkedHashMap<>();
    private final Map<DnsZoneId, Map<DnsRecordId, DnsRecordDefinition>> dnsRecords = new HashMap<>();
    private final Map<UserId, String> userExternalIds = new HashMap<>();
    private final Map<GroupId, String> groupExternalIds = new HashMap<>();
    /** Keyed by the user's or group's id value: both are random UUIDs, so they never collide. */
    private final Map<String, ResourceTimes> times = new HashMap<>();

    AccountRecords(AccountView account) {
        this.account = account;
    }

    /** Every map as it stands, copied under the monitor its handlers write under (see {@link AccountRecordsData}). */
    synchronized AccountRecordsData data() {
        Map<UserId, Map<TokenId, TokenView>> tokensCopy = new LinkedHashMap<>();
        tokens.forEach((user, ofUser) -> tokensCopy.put(user, new LinkedHashMap<>(ofUser)));
        Map<DnsZoneId, Map<DnsRecordId, DnsRecordDefinition>> recordsCopy = new LinkedHashMap<>();
        dnsRecords.forEach((zone, records) -> recordsCopy.put(zone, new LinkedHashMap<>(records)));
        return new AccountRecordsData(account, new LinkedHashMap<>(users), tokensCopy, new LinkedHashMap<>(groups),
                listed(members), listed(groupsOfPeer), new LinkedHashMap<>(peers), new LinkedHashMap<>(presence),
                new LinkedHashMap<>(peerByOverlayIp), new LinkedHashMap<>(peerByDnsLabel), new LinkedHashMap<>(setupKeys),
                new LinkedHashMap<>(policies), new LinkedHashMap<>(routes), new LinkedHashMap<>(networks),
                new LinkedHashMap<>(networkResources), new LinkedHashMap<>(networkRouters),
                new LinkedHashMap<>(scimTokens), new LinkedHashMap<>(nameserverGroups), dnsSettings,
                new LinkedHashMap<>(dnsZones), recordsCopy, new LinkedHashMap<>(userExternalIds),
                new LinkedHashMap<>(groupExternalIds), new LinkedHashMap<>(times));
    }

    /** Records holding exactly {@code data}, in its order, and sharing nothing with it. */
    static AccountRecords restore(AccountRecordsData data) {
        AccountRecords records = new AccountRecords(data.account());
        records.users.putAll(data.users());
        data.tokens().forEach((user, ofUser) -> records.tokens.put(user, new LinkedHashMap<>(ofUser)));
        records.groups.putAll(data.groups());
        data.members().forEach((group, peers) -> records.members.put(group, new LinkedHashSet<>(peers)));
        data.groupsOfPeer().forEach((peer, groups) -> records.groupsOfPeer.put(peer, new LinkedHashSet<>(groups)));
        records.peers.putAll(data.peers());
        records.presence.putAll(data.presence());
        records.peerByOverlayIp.putAll(data.peerByOverlayIp());
        records.peerByDnsLabel.putAll(data.peerByDnsLabel());
        records.setupKeys.putAll(data.setupKeys());
        records.policies.putAll(data.policies());
        records.routes.putAll(data.routes());
        records.networks.putAll(data.networks());
        records.networkResources.putAll(data.networkResources());
        records.networkRouters.putAll(data.networkRouters());
        records.scimTokens.putAll(data.scimTokens());
        records.nameserverGroups.putAll(data.nameserverGroups());
        records.dnsSettings = data.dnsSettings() == null ? DnsSettings.NONE : data.dnsSettings();
        records.dnsZones.putAll(data.dnsZones());
        data.dnsRecords().forEach((zone, ofZone) -> records.dnsRecords.put(zone, new LinkedHashMap<>(ofZone)));
        records.userExternalIds.putAll(data.userExternalIds());
        records.groupExternalIds.putAll(data.groupExternalIds());
        records.times.putAll(data.times());
        return records;
    }

    private static <K, V> Map<K, List<V>> listed(Map<K, Set<V>> sets) {
        Map<K, List<V>> lists = new LinkedHashMap<>();
        sets.forEach((key, set) -> lists.put(key, List.copyOf(set)));
        return lists;
    }

    public synchronized AccountView account() {
        return account;
    }

    synchronized void replaceAccount(UnaryOperator<AccountView> change) {
        account = change.apply(account);
    }

    // ---- users and tokens

    public synchronized List<UserView> users() {
        return List.copyOf(users.values());
    }

    public synchronized Optional<UserView> user(UserId id) {
        return Optional.ofNullable(users.get(id));
    }

    synchronized void putUser(UserView user) {
        users.put(user.id(), user);
    }

    synchronized void changeUser(UserId id, UnaryOperator<UserView> change) {
        users.computeIfPresent(id, (key, user) -> change.apply(user));
    }

    synchronized List<TokenView> removeUser(UserId id) {
        users.remove(id);
        userExternalIds.remove(id);
        times.remove(id.value());
        Map<TokenId, TokenView> removed = tokens.remove(id);
        return removed == null ? List.of() : List.copyOf(removed.values());
    }

    public synchronized List<TokenView> tokensOf(UserId user) {
        return List.copyOf(tokens.getOrDefault(user, Map.of()).values());
    }

    synchronized void putToken(TokenView token) {
        tokens.computeIfAbsent(token.userId(), key -> new LinkedHashMap<>()).put(token.id(), token);
    }

    synchronized Optional<TokenView> removeToken(UserId user, TokenId id) {
        Map<TokenId, TokenView> ofUser = tokens.get(user);
        return ofUser == null ? Optional.empty() : Optional.ofNullable(ofUser.remove(id));
    }

    // ---- groups

    public synchronized List<GroupView> groups() {
        return groups.values().stream().map(this::withMembers).toList();
    }

    public synchronized Optional<GroupView> group(GroupId id) {
        return Optional.ofNullable(groups.get(id)).map(this::withMembers);
    }

    public synchronized Optional<GroupSummary> groupSummary(GroupId id) {
        return Optional.ofNullable(groups.get(id)).map(this::summary);
    }

    public synchronized Optional<GroupView> groupNamed(String name) {
        return groups.values().stream().filter(group -> group.name().equals(name)).findFirst().map(this::withMembers);
    }

    public synchronized Optional<GroupSummary> builtInGroup() {
        return groups.values().stream().filter(GroupView::builtIn).findFirst().map(this::summary);
    }

    /** The groups a peer belongs to, in the order they were created, without copying their members. */
    public synchronized List<GroupSummary> groupsOf(PeerId peer) {
        Set<GroupId> ids = groupsOfPeer.getOrDefault(peer, Set.of());
        List<GroupSummary> result = new ArrayList<>(ids.size());
        for (GroupId id : ids) {
            result.add(summary(groups.get(id)));
        }
        return result;
    }

    public synchronized boolean isMember(GroupId group, PeerId peer) {
        return members.getOrDefault(group, Set.of()).contains(peer);
    }

    synchronized void putGroup(GroupView group) {
        groups.put(group.id(), group.withPeers(Set.of()));
        members.put(group.id(), new LinkedHashSet<>());
        addToGroup(group.id(), group.peers());
    }

    synchronized void renameGroup(GroupId id, String name) {
        groups.computeIfPresent(id, (key, group) -> group.withName(name));
    }

    synchronized void addToGroup(GroupId id, Collection<PeerId> added) {
        Set<PeerId> current = members.get(id);
        if (current == null) {
            return;
        }
        current.addAll(added);
        added.forEach(peer -> groupsOfPeer.computeIfAbsent(peer, key -> new LinkedHashSet<>()).add(id));
    }

    synchronized void removeFromGroup(GroupId id, Collection<PeerId> removed) {
        Set<PeerId> current = members.get(id);
        if (current == null) {
            return;
        }
        current.removeAll(removed);
        removeFromGroupIndex(id, removed);
    }

    synchronized void removeGroup(GroupId id) {
        groups.remove(id);
        groupExternalIds.remove(id);
        times.remove(id.value());
        Set<PeerId> former = members.remove(id);
        if (former != null) {
            removeFromGroupIndex(id, former);
        }
    }

    private void removeFromGroupIndex(GroupId id, Collection<PeerId> peers) {
        peers.forEach(peer -> {
            Set<GroupId> memberships = groupsOfPeer.get(peer);
            if (memberships != null) {
                memberships.remove(id);
            }
        });
    }

    private GroupView withMembers(GroupView group) {
        return group.withPeers(members.getOrDefault(group.id(), Set.of()));
    }

    private GroupSummary summary(GroupView group) {
        return new GroupSummary(group.id(), group.name(), group.builtIn(), group.issued(),
                members.getOrDefault(group.id(), Set.of()).size());
    }

    // ---- peers

    public synchronized List<PeerView> peers() {
        return List.copyOf(peers.values());
    }

    public synchronized Optional<PeerView> peer(PeerId id) {
        return Optional.ofNullable(peers.get(id));
    }

    public synchronized int peerCount() {
        return peers.size();
    }

    public synchronized boolean isOverlayIpTaken(String ip) {
        return peerByOverlayIp.containsKey(ip);
    }

    public synchronized boolean isDnsLabelTaken(String label) {
        return peerByDnsLabel.containsKey(label);
    }

    synchronized void putPeer(PeerView peer) {
        peers.put(peer.id(), peer);
        peerByOverlayIp.put(peer.overlayIp(), peer.id());
        peerByDnsLabel.put(peer.dnsLabel().value(), peer.id());
    }

    synchronized void changePeer(PeerId id, UnaryOperator<PeerView> change) {
        PeerView before = peers.get(id);
        if (before != null) {
            peerByOverlayIp.remove(before.overlayIp());
            peerByDnsLabel.remove(before.dnsLabel().value());
            putPeer(change.apply(before));
        }
    }

    public synchronized PeerPresence presenceOf(PeerId id) {
        return presence.getOrDefault(id, PeerPresence.NEVER_CONNECTED);
    }

    /** The peers recorded as connected, with their sessions. */
    public synchronized Map<PeerId, PeerPresence> connectedPeers() {
        Map<PeerId, PeerPresence> connected = new LinkedHashMap<>();
        presence.forEach((peer, state) -> {
            if (state.connected()) {
                connected.put(peer, state);
            }
        });
        return connected;
    }

    synchronized void changePresence(PeerId id, UnaryOperator<PeerPresence> change) {
        if (peers.containsKey(id)) {
            presence.put(id, change.apply(presenceOf(id)));
        }
    }

    synchronized Optional<PeerView> removePeer(PeerId id) {
        presence.remove(id);
        PeerView removed = peers.remove(id);
        if (removed == null) {
            return Optional.empty();
        }
        peerByOverlayIp.remove(removed.overlayIp());
        peerByDnsLabel.remove(removed.dnsLabel().value());
        Set<GroupId> memberships = groupsOfPeer.remove(id);
        if (memberships != null) {
            // Peer deletion and group membership live in different aggregates; keep the view tidy either way.
            memberships.forEach(group -> members.getOrDefault(group, new LinkedHashSet<>()).remove(id));
        }
        return Optional.of(removed);
    }

    // ---- setup keys

    public synchronized List<SetupKeyView> setupKeys() {
        return List.copyOf(setupKeys.values());
    }

    public synchronized Optional<SetupKeyView> setupKey(SetupKeyId id) {
        return Optional.ofNullable(setupKeys.get(id));
    }

    synchronized void putSetupKey(SetupKeyView key) {
        setupKeys.put(key.id(), key);
    }

    synchronized void changeSetupKey(SetupKeyId id, UnaryOperator<SetupKeyView> change) {
        setupKeys.computeIfPresent(id, (key, view) -> change.apply(view));
    }

    synchronized Optional<SetupKeyView> removeSetupKey(SetupKeyId id) {
        return Optional.ofNullable(setupKeys.remove(id));
    }

    // ---- provisioning (SCIM, ADR 0026)

    public synchronized List<ScimTokenView> scimTokens() {
        return List.copyOf(scimTokens.values());
    }

    public synchronized Optional<ScimTokenView> scimToken(TokenId id) {
        return Optional.ofNullable(scimTokens.get(id));
    }

    synchronized void putScimToken(ScimTokenView token) {
        scimTokens.put(token.id(), token);
    }

    synchronized Optional<ScimTokenView> removeScimToken(TokenId id) {
        return Optional.ofNullable(scimTokens.remove(id));
    }

    /** The id a provisioning client knows the user by, if one set it. */
    public synchronized Optional<String> externalIdOf(UserId user) {
        return Optional.ofNullable(userExternalIds.get(user));
    }

    public synchronized Optional<String> externalIdOf(GroupId group) {
        return Optional.ofNullable(groupExternalIds.get(group));
    }

    synchronized void setExternalId(UserId user, String externalId) {
        userExternalIds.put(user, externalId);
    }

    synchronized void setExternalId(GroupId group, String externalId) {
        groupExternalIds.put(group, externalId);
    }

    /** When the user or group was created and last changed; empty for one this read model does not know. */
    public synchronized Optional<ResourceTimes> timesOf(String id) {
        return Optional.ofNullable(times.get(id));
    }

    synchronized void touch(String id, Instant at) {
        times.merge(id, new ResourceTimes(at, at), (known, fresh) -> known.touched(at));
    }

    // ---- policies

    public synchronized List<PolicyView> policies() {
        return List.copyOf(policies.values());
    }

    public synchronized Optional<PolicyView> policy(PolicyId id) {
        return Optional.ofNullable(policies.get(id));
    }

    synchronized void putPolicy(PolicyView policy) {
        policies.put(policy.id(), policy);
    }

    synchronized void removePolicy(PolicyId id) {
        policies.remove(id);
    }

    // ---- routes

    public synchronized List<RouteView> routes() {
        return List.copyOf(routes.values());
    }

    public synchronized Optional<RouteView> route(RouteId id) {
        return Optional.ofNullable(routes.get(id));
    }

    synchronized void putRoute(RouteView route) {
        routes.put(route.id(), route);
    }

    synchronized void removeRoute(RouteId id) {
        routes.remove(id);
    }

    /** The routes the peer serves by name; such a peer may only be deleted once they are changed or gone. */
    public synchronized List<RouteView> routesServedBy(PeerId peer) {
        return routes.values().stream().filter(route -> peer.equals(route.definition().peer())).toList();
    }

    // ---- networks

    public synchronized List<NetworkView> networks() {
        return List.copyOf(networks.values());
    }

    public synchronized Optional<NetworkView> network(NetworkId id) {
        return Optional.ofNullable(networks.get(id));
    }

    synchronized void putNetwork(NetworkView network) {
        networks.put(network.id(), network);
    }

    /** A deleted network takes its resources and routers along (they are part of its aggregate). */
    synchronized void removeNetwork(NetworkId id) {
        networks.remove(id);
        networkResources.values().removeIf(resource -> resource.networkId().equals(id));
        networkRouters.values().removeIf(router -> router.networkId().equals(id));
    }

    /** Every router of every network of the account (NetBird's /api/networks/routers). */
    public synchronized List<NetworkRouterView> networkRouters() {
        return List.copyOf(networkRouters.values());
    }

    public synchronized List<NetworkRouterView> networkRouters(NetworkId network) {
        return networkRouters.values().stream().filter(router -> router.networkId().equals(network)).toList();
    }

    /** The router, if it belongs to that network: a router id under another network is unknown. */
    public synchronized Optional<NetworkRouterView> networkRouter(NetworkId network, NetworkRouterId id) {
        return Optional.ofNullable(networkRouters.get(id)).filter(router -> router.networkId().equals(network));
    }

    /** The network routers naming the peer; such a peer may only be deleted once they are changed or gone. */
    public synchronized List<NetworkRouterView> networkRoutersServedBy(PeerId peer) {
        return networkRouters.values().stream().filter(router -> peer.equals(router.definition().peer())).toList();
    }

    /** The distinct peers routing for the network: its routers' peers and the members of their peer groups. */
    public synchronized int routingPeerCount(NetworkId network) {
        Set<PeerId> peers = new HashSet<>();
        networkRouters(network).forEach(router -> {
            if (router.definition().peer() != null) {
                peers.add(router.definition().peer());
            }
            router.definition().peerGroups().forEach(group -> peers.addAll(members.getOrDefault(group, Set.of())));
        });
        return peers.size();
    }

    synchronized void putNetworkRouter(NetworkRouterView router) {
        networkRouters.put(router.id(), router);
    }

    synchronized void removeNetworkRouter(NetworkRouterId id) {
        networkRouters.remove(id);
    }

    public synchronized List<NetworkResourceView> networkResources(NetworkId network) {
        return networkResources.values().stream().filter(resource -> resource.networkId().equals(network)).toList();
    }

    /** The resource, if it belongs to that network: a resource id under another network is unknown. */
    public synchronized Optional<NetworkResourceView> networkResource(NetworkId network, NetworkResourceId id) {
        return Optional.ofNullable(networkResources.get(id)).filter(resource -> resource.networkId().equals(network));
    }

    synchronized void putNetworkResource(NetworkResourceView resource) {
        networkResources.put(resource.id(), resource);
    }

    synchronized void removeNetworkResource(NetworkResourceId id) {
        networkResources.remove(id);
    }

    // ---- DNS

    public synchronized List<NameserverGroupView> nameserverGroups() {
        return List.copyOf(nameserverGroups.values());
    }

    public synchronized Optional<NameserverGroupView> nameserverGroup(NameserverGroupId id) {
        return Optional.ofNullable(nameserverGroups.get(id));
    }

    synchronized void putNameserverGroup(NameserverGroupView group) {
        nameserverGroups.put(group.id(), group);
    }

    synchronized void removeNameserverGroup(NameserverGroupId id) {
        nameserverGroups.remove(id);
    }

    public synchronized DnsSettings dnsSettings() {
        return dnsSettings;
    }

    synchronized void putDnsSettings(DnsSettings settings) {
        dnsSettings = settings;
    }

    public synchronized List<DnsZoneView> dnsZones() {
        return dnsZones.keySet().stream().map(this::zoneView).toList();
    }

    public synchronized Optional<DnsZoneView> dnsZone(DnsZoneId id) {
        return dnsZones.containsKey(id) ? Optional.of(zoneView(id)) : Optional.empty();
    }

    /** Zones keep their records when their own settings change: records come and go with events of their own. */
    synchronized void putDnsZone(DnsZoneId id, DnsZoneDefinition zone) {
        dnsZones.put(id, zone);
        dnsRecords.computeIfAbsent(id, key -> new LinkedHashMap<>());
    }

    synchronized void removeDnsZone(DnsZoneId id) {
        dnsZones.remove(id);
        dnsRecords.remove(id);
    }

    synchronized void putDnsRecord(DnsZoneId zone, DnsRecordId id, DnsRecordDefinition record) {
        dnsRecords.computeIfAbsent(zone, key -> new LinkedHashMap<>()).put(id, record);
    }

    synchronized void removeDnsRecord(DnsZoneId zone, DnsRecordId id) {
        Map<DnsRecordId, DnsRecordDefinition> records = dnsRecords.get(zone);
        if (records != null) {
            records.remove(id);
        }
    }

    private DnsZoneView zoneView(DnsZoneId id) {
        List<DnsRecordView> records = new ArrayList<>();
        dnsRecords.getOrDefault(id, Map.of()).forEach((recordId, record) ->
                records.add(new DnsRecordView(recordId, id, record)));
        return new DnsZoneView(id, account.id(), dnsZones.get(id), records);
    }

    private String networkName(NetworkId id) {
        NetworkView network = networks.get(id);
        return network == null ? id.value() : network.details().name();
    }

    /** What still points at a group; a group may only be deleted when this is empty. */
    public synchronized List<String> referencesTo(GroupId group) {
        List<String> references = new ArrayList<>();
        policies.values().stream().filter(policy -> policy.references(group))
                .forEach(policy -> references.add("policy \"" + policy.name() + "\""));
        routes.values().stream().filter(route -> route.definition().references(group))
                .forEach(route -> references.add("route \"" + route.definition().networkId() + "\""));
        networkResources.values().stream().filter(resource -> resource.definition().groups().contains(group))
                .forEach(resource -> references.add("network resource \"" + resource.definition().name() + "\""));
        networkRouters.values().stream().filter(router -> router.definition().peerGroups().contains(group))
                .forEach(router -> references.add("router of network \"" + networkName(router.networkId()) + "\""));
        setupKeys.values().stream().filter(key -> key.autoGroups().contains(group))
                .forEach(key -> references.add("setup key \"" + key.name() + "\""));
        users.values().stream().filter(user -> user.autoGroups().contains(group))
                .forEach(user -> references.add("user " + user.id() + " auto-groups"));
        nameserverGroups.values().stream().filter(ns -> ns.definition().references(group))
                .forEach(ns -> references.add("nameserver group \"" + ns.definition().name() + "\""));
        dnsZones.values().stream().filter(zone -> zone.references(group))
                .forEach(zone -> references.add("DNS zone \"" + zone.domain() + "\""));
        if (dnsSettings.references(group)) {
            references.add("the DNS settings' disabled management groups");
        }
        return references;
    }
}
