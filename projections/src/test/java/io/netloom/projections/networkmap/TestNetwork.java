package io.netloom.projections.networkmap;

import io.netloom.domain.account.AccountCreatedEvent;
import io.netloom.domain.account.AccountSettings;
import io.netloom.domain.common.Ipv4Network;
import io.netloom.domain.dns.DnsRecordCreatedEvent;
import io.netloom.domain.dns.DnsRecordDefinition;
import io.netloom.domain.dns.DnsRecordDeletedEvent;
import io.netloom.domain.dns.DnsSettings;
import io.netloom.domain.dns.DnsSettingsUpdatedEvent;
import io.netloom.domain.dns.DnsZoneCreatedEvent;
import io.netloom.domain.dns.DnsZoneDefinition;
import io.netloom.domain.dns.DnsZoneDeletedEvent;
import io.netloom.domain.dns.DnsZoneUpdatedEvent;
import io.netloom.domain.dns.NameserverGroupCreatedEvent;
import io.netloom.domain.dns.NameserverGroupDefinition;
import io.netloom.domain.dns.NameserverGroupDeletedEvent;
import io.netloom.domain.dns.NameserverGroupUpdatedEvent;
import io.netloom.domain.group.GroupCreatedEvent;
import io.netloom.domain.group.GroupIssuer;
import io.netloom.domain.group.GroupDeletedEvent;
import io.netloom.domain.group.PeersAddedToGroupEvent;
import io.netloom.domain.group.PeersRemovedFromGroupEvent;
import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.DnsRecordId;
import io.netloom.domain.ids.DnsZoneId;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.NameserverGroupId;
import io.netloom.domain.ids.NetworkId;
import io.netloom.domain.ids.NetworkResourceId;
import io.netloom.domain.ids.NetworkRouterId;
import io.netloom.domain.ids.RouteId;
import io.netloom.domain.network.NetworkDeletedEvent;
import io.netloom.domain.network.NetworkResourceCreatedEvent;
import io.netloom.domain.network.NetworkRouterCreatedEvent;
import io.netloom.domain.network.NetworkRouterUpdatedEvent;
import io.netloom.domain.network.ResourceDefinition;
import io.netloom.domain.network.RouterDefinition;
import io.netloom.domain.route.RouteCreatedEvent;
import io.netloom.domain.route.RouteDeletedEvent;
import io.netloom.domain.route.RouteDefinition;
import io.netloom.domain.route.RouteUpdatedEvent;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.ids.PolicyId;
import io.netloom.domain.ids.SetupKeyId;
import io.netloom.domain.ids.UserId;
import io.netloom.domain.peer.DnsLabel;
import io.netloom.domain.peer.ExtraDnsLabels;
import io.netloom.domain.peer.PeerExtraDnsLabelsChangedEvent;
import io.netloom.domain.peer.PeerApprovedEvent;
import io.netloom.domain.peer.PeerDeletedEvent;
import io.netloom.domain.peer.LoginExpiryReason;
import io.netloom.domain.peer.PeerEnrolledEvent;
import io.netloom.domain.peer.PeerLoginExpiredEvent;
import io.netloom.domain.peer.PeerLoginRenewedEvent;
import io.netloom.domain.peer.PeerMetadata;
import io.netloom.domain.peer.PeerOverlayIpChangedEvent;
import io.netloom.domain.peer.WireguardPublicKey;
import io.netloom.domain.policy.PolicyCreatedEvent;
import io.netloom.domain.policy.PolicyDeletedEvent;
import io.netloom.domain.policy.PolicyRule;
import io.netloom.domain.policy.PolicyUpdatedEvent;
import io.netloom.domain.user.OffboardingCause;
import io.netloom.domain.user.UserBlockedEvent;
import io.netloom.domain.user.UserDeletedEvent;
import io.netloom.domain.setupkey.SetupKeyCreatedEvent;
import io.netloom.domain.setupkey.SetupKeyType;
import io.netloom.domain.user.UserUnblockedEvent;
import io.netloom.projections.networkmap.projection.NetworkMapProjection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One account's network maps built the way the server builds them: domain events through the
 * projection. Peers, groups and policies are named; ids, addresses and keys follow from the names.
 * Every update the model publishes is collected, so tests can replay deltas.
 */
final class TestNetwork {

    static final AccountId ACCOUNT = new AccountId("account-1");
    static final GroupId ALL = new GroupId("all");
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private final NetworkMaps maps = new NetworkMaps();
    private final NetworkMapProjection projection;
    private final List<PeerMapUpdate> updates = new ArrayList<>();
    private final Map<String, Integer> addressOfPeer = new TreeMap<>();

    TestNetwork() {
        this(true);
    }

    /** @param offboardSetupKeyPeers whether a setup key's peers belong, for offboarding, to the key's creator */
    TestNetwork(boolean offboardSetupKeyPeers) {
        projection = new NetworkMapProjection(maps, offboardSetupKeyPeers);
        maps.subscribe((account, published) -> updates.addAll(published));
        projection.on(new AccountCreatedEvent(ACCOUNT, new UserId("owner"), "", Ipv4Network.DEFAULT,
                AccountSettings.defaults()));
        projection.on(new GroupCreatedEvent(ALL, ACCOUNT, "All", true, GroupIssuer.API));
    }

    NetworkMaps maps() {
        return maps;
    }

    List<PeerMapUpdate> updates() {
        return updates;
    }

    static PeerId peerId(String name) {
        return new PeerId(name);
    }

    static GroupId groupId(String name) {
        return name.equals("all") ? ALL : new GroupId("group-" + name);
    }

    static PolicyId policyId(String name) {
        return new PolicyId("policy-" + name);
    }

    static String publicKeyOf(String name) {
        byte[] key = new byte[32];
        byte[] bytes = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        System.arraycopy(bytes, 0, key, 0, Math.min(bytes.length, 32));
        return Base64.getEncoder().encodeToString(key);
    }

    /** Enrolls a peer at the next free address; an owner makes it a user's device, otherwise a setup key's. */
    void enroll(String name, String owner, boolean approved) {
        int host = addressOfPeer.size() + 1;
        addressOfPeer.put(name, host);
        projection.on(new PeerEnrolledEvent(peerId(name), ACCOUNT, new WireguardPublicKey(publicKeyOf(name)),
                new PeerMetadata(name, "linux", "6.1", "0.1"), name, "100.64.0." + host, new DnsLabel(name),
                owner == null ? null : new UserId(owner), owner == null ? new SetupKeyId("key-1") : null,
                !approved, false, false, NOW, ExtraDnsLabels.NONE, false));
    }

    void createSetupKey(String key, String creator) {
        projection.on(new SetupKeyCreatedEvent(new SetupKeyId(key), ACCOUNT, key, SetupKeyType.REUSABLE, "0".repeat(64),
                "A1B2****", NOW, NOW.plusSeconds(86400), 0, Set.of(), false, false, new UserId(creator)));
    }

    /** Enrolls a peer with the given setup key at the next free address. */
    void enrollWithKey(String name, String key) {
        int host = addressOfPeer.size() + 1;
        addressOfPeer.put(name, host);
        projection.on(new PeerEnrolledEvent(peerId(name), ACCOUNT, new WireguardPublicKey(publicKeyOf(name)),
                new PeerMetadata(name, "linux", "6.1", "0.1"), name, "100.64.0." + host, new DnsLabel(name),
                null, new SetupKeyId(key), false, false, false, NOW, ExtraDnsLabels.NONE, false));
    }

    void deleteUser(String user) {
        projection.on(new UserDeletedEvent(new UserId(user), ACCOUNT, OffboardingCause.ADMIN));
    }

    void approve(String peer) {
        projection.on(new PeerApprovedEvent(peerId(peer), ACCOUNT));
    }

    void moveAddress(String peer, String overlayIp) {
        projection.on(new PeerOverlayIpChangedEvent(peerId(peer), ACCOUNT, overlayIp));
    }

    void deletePeer(String peer) {
        projection.on(new PeerDeletedEvent(peerId(peer), ACCOUNT));
    }

    void createGroup(String name) {
        projection.on(new GroupCreatedEvent(groupId(name), ACCOUNT, name, false, GroupIssuer.API));
    }

    void deleteGroup(String name) {
        projection.on(new GroupDeletedEvent(groupId(name), ACCOUNT));
    }

    void addToGroup(String group, String... peers) {
        projection.on(new PeersAddedToGroupEvent(groupId(group), ACCOUNT, peerIds(peers)));
    }

    void removeFromGroup(String group, String... peers) {
        projection.on(new PeersRemovedFromGroupEvent(groupId(group), ACCOUNT, peerIds(peers)));
    }

    void createPolicy(String name, boolean enabled, List<PolicyRule> rules) {
        projection.on(new PolicyCreatedEvent(policyId(name), ACCOUNT, name, "", enabled, rules));
    }

    void updatePolicy(String name, boolean enabled, List<PolicyRule> rules) {
        projection.on(new PolicyUpdatedEvent(policyId(name), ACCOUNT, name, "", enabled, rules));
    }

    void deletePolicy(String name) {
        projection.on(new PolicyDeletedEvent(policyId(name), ACCOUNT));
    }

    void createRoute(String id, RouteDefinition route) {
        projection.on(new RouteCreatedEvent(new RouteId(id), ACCOUNT, route));
    }

    void updateRoute(String id, RouteDefinition route) {
        projection.on(new RouteUpdatedEvent(new RouteId(id), ACCOUNT, route));
    }

    void deleteRoute(String id) {
        projection.on(new RouteDeletedEvent(new RouteId(id), ACCOUNT));
    }

    void deleteNetwork(String network) {
        projection.on(new NetworkDeletedEvent(new NetworkId(network), ACCOUNT));
    }

    void createResource(String network, String resource, ResourceDefinition definition) {
        projection.on(new NetworkResourceCreatedEvent(new NetworkId(network), ACCOUNT, new NetworkResourceId(resource),
                definition));
    }

    void createRouter(String network, String router, RouterDefinition definition) {
        projection.on(new NetworkRouterCreatedEvent(new NetworkId(network), ACCOUNT, new NetworkRouterId(router),
                definition));
    }

    void updateRouter(String network, String router, RouterDefinition definition) {
        projection.on(new NetworkRouterUpdatedEvent(new NetworkId(network), ACCOUNT, new NetworkRouterId(router),
                definition));
    }

    void setExtraDnsLabels(String peer, String... labels) {
        projection.on(new PeerExtraDnsLabelsChangedEvent(peerId(peer), ACCOUNT, ExtraDnsLabels.of(List.of(labels))));
    }

    void expireLogin(String peer) {
        projection.on(new PeerLoginExpiredEvent(peerId(peer), ACCOUNT, LoginExpiryReason.LOGIN_EXPIRED, NOW));
    }

    void renewLogin(String peer, String owner) {
        projection.on(new PeerLoginRenewedEvent(peerId(peer), ACCOUNT, new UserId(owner), NOW));
    }

    void blockUser(String user) {
        projection.on(new UserBlockedEvent(new UserId(user), ACCOUNT, OffboardingCause.ADMIN));
    }

    void unblockUser(String user) {
        projection.on(new UserUnblockedEvent(new UserId(user), ACCOUNT, OffboardingCause.ADMIN));
    }

    void createNameserverGroup(String id, NameserverGroupDefinition group) {
        projection.on(new NameserverGroupCreatedEvent(new NameserverGroupId(id), ACCOUNT, group));
    }

    void updateNameserverGroup(String id, NameserverGroupDefinition group) {
        projection.on(new NameserverGroupUpdatedEvent(new NameserverGroupId(id), ACCOUNT, group));
    }

    void deleteNameserverGroup(String id) {
        projection.on(new NameserverGroupDeletedEvent(new NameserverGroupId(id), ACCOUNT));
    }

    void disableDnsManagement(String... groups) {
        Set<GroupId> ids = new java.util.LinkedHashSet<>();
        for (String group : groups) {
            ids.add(groupId(group));
        }
        projection.on(new DnsSettingsUpdatedEvent(ACCOUNT, new DnsSettings(ids)));
    }

    void createZone(String id, DnsZoneDefinition zone) {
        projection.on(new DnsZoneCreatedEvent(new DnsZoneId(id), ACCOUNT, zone));
    }

    void updateZone(String id, DnsZoneDefinition zone) {
        projection.on(new DnsZoneUpdatedEvent(new DnsZoneId(id), ACCOUNT, zone));
    }

    void deleteZone(String id, DnsZoneDefinition zone) {
        projection.on(new DnsZoneDeletedEvent(new DnsZoneId(id), ACCOUNT, zone));
    }

    void createRecord(String zone, String id, DnsRecordDefinition record) {
        projection.on(new DnsRecordCreatedEvent(new DnsZoneId(zone), ACCOUNT, new DnsRecordId(id), record));
    }

    void deleteRecord(String zone, String id, DnsRecordDefinition record) {
        projection.on(new DnsRecordDeletedEvent(new DnsZoneId(zone), ACCOUNT, new DnsRecordId(id), record));
    }

    NetworkMap mapOf(String peer) {
        return maps.mapOf(ACCOUNT, peerId(peer)).orElseThrow();
    }

    AccountSnapshot snapshot() {
        return maps.snapshot(ACCOUNT).orElseThrow();
    }

    private static Set<PeerId> peerIds(String... names) {
        Set<PeerId> ids = new java.util.LinkedHashSet<>();
        for (String name : names) {
            ids.add(peerId(name));
        }
        return ids;
    }
}
