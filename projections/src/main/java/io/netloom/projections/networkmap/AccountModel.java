package io.netloom.projections.networkmap;

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
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The changes events make to one account's network model, in the model's own terms. The live
 * {@link AccountNetwork} keeps every peer's map up to date and returns the deltas; the history's plain
 * state (io.netloom.projections.history) only records the inputs, and returns no updates because no peer
 * is listening to the past. Both are fed by the same {@code NetworkMapProjection}, so an event means
 * the same thing to both.
 */
public interface AccountModel {

    List<PeerMapUpdate> changeDnsDomain(String domain);

    List<PeerMapUpdate> addGroup(GroupId group, boolean builtIn);

    List<PeerMapUpdate> deleteGroup(GroupId group);

    List<PeerMapUpdate> addToGroup(GroupId group, Set<PeerId> members);

    List<PeerMapUpdate> removeFromGroup(GroupId group, Set<PeerId> members);

    /** Adds a peer; a peer already known is left as it is (enrollment is idempotent). */
    List<PeerMapUpdate> addPeer(PeerNode node);

    /** Changes a peer's attributes (address, name, approval, presence); its owner never changes. */
    List<PeerMapUpdate> changePeer(PeerId id, UnaryOperator<PeerNode> change);

    List<PeerMapUpdate> removePeer(PeerId id);

    /** Creates or replaces a policy. */
    List<PeerMapUpdate> putPolicy(PolicyId id, PolicySpec policy);

    List<PeerMapUpdate> removePolicy(PolicyId id);

    /** Creates or replaces a route of /api/routes. */
    List<PeerMapUpdate> putRoute(RouteId id, RouteSpec route);

    List<PeerMapUpdate> removeRoute(RouteId id);

    /** Creates or replaces a network resource; its network need not be known yet. */
    List<PeerMapUpdate> putNetworkResource(NetworkId network, NetworkResourceId id, ResourceDefinition resource);

    List<PeerMapUpdate> removeNetworkResource(NetworkId network, NetworkResourceId id);

    /** Creates or replaces a network router. */
    List<PeerMapUpdate> putNetworkRouter(NetworkId network, NetworkRouterId id, RouterDefinition router);

    List<PeerMapUpdate> removeNetworkRouter(NetworkId network, NetworkRouterId id);

    /** Removes a network with its resources and routers. */
    List<PeerMapUpdate> removeNetwork(NetworkId network);

    List<PeerMapUpdate> changeDnsSettings(DnsSettings settings);

    /** Creates or replaces a nameserver group. */
    List<PeerMapUpdate> putNameserverGroup(NameserverGroupId id, NameserverGroupDefinition group);

    List<PeerMapUpdate> removeNameserverGroup(NameserverGroupId id);

    /** Creates or replaces a custom zone's own settings; its records stay. */
    List<PeerMapUpdate> putDnsZone(DnsZoneId id, DnsZoneDefinition zone);

    List<PeerMapUpdate> removeDnsZone(DnsZoneId id);

    /** Creates or replaces a record of a custom zone; its zone need not be known yet. */
    List<PeerMapUpdate> putDnsRecord(DnsZoneId zone, DnsRecordId id, DnsRecordDefinition record);

    List<PeerMapUpdate> removeDnsRecord(DnsZoneId zone, DnsRecordId id);

    List<PeerMapUpdate> blockUser(UserId user);

    List<PeerMapUpdate> unblockUser(UserId user);

    /**
     * Remembers who created a setup key: with setup-key peers offboarded with their creator, a peer later
     * enrolled with the key belongs to that user. Changes no map.
     */
    void rememberSetupKeyCreator(SetupKeyId key, UserId creator);

    Optional<UserId> setupKeyCreator(SetupKeyId key);

    /** The inputs as they stand, for a full computation with {@link NetworkMapCalculator}. */
    AccountSnapshot snapshot();
}
