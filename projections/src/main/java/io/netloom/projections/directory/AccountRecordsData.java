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
import java.util.List;
import java.util.Map;

/**
 * An {@link AccountRecords} as plain records, the form a read-model snapshot stores (ADR 0054): every map of it,
 * its indexes included, as they stand. The indexes are kept rather than rebuilt on load because they are not pure
 * functions of the primary maps: memberships of peers not (or no longer) enrolled and emptied index entries stay in
 * them, and a restored model must hold exactly what a replay would. Maps keep their order (JSON objects are read
 * back into insertion-ordered maps); ordered sets are lists. Typed ids as keys are written as their bare values.
 */
public record AccountRecordsData(
        AccountView account,
        Map<UserId, UserView> users,
        Map<UserId, Map<TokenId, TokenView>> tokens,
        Map<GroupId, GroupView> groups,
        Map<GroupId, List<PeerId>> members,
        Map<PeerId, List<GroupId>> groupsOfPeer,
        Map<PeerId, PeerView> peers,
        Map<PeerId, PeerPresence> presence,
        Map<String, PeerId> peerByOverlayIp,
        Map<String, PeerId> peerByDnsLabel,
        Map<SetupKeyId, SetupKeyView> setupKeys,
        Map<PolicyId, PolicyView> policies,
        Map<RouteId, RouteView> routes,
        Map<NetworkId, NetworkView> networks,
        Map<NetworkResourceId, NetworkResourceView> networkResources,
        Map<NetworkRouterId, NetworkRouterView> networkRouters,
        Map<TokenId, ScimTokenView> scimTokens,
        Map<NameserverGroupId, NameserverGroupView> nameserverGroups,
        DnsSettings dnsSettings,
        Map<DnsZoneId, DnsZoneDefinition> dnsZones,
        Map<DnsZoneId, Map<DnsRecordId, DnsRecordDefinition>> dnsRecords,
        Map<UserId, String> userExternalIds,
        Map<GroupId, String> groupExternalIds,
        Map<String, ResourceTimes> times) {

    public static AccountRecordsData of(AccountRecords records) {
        return records.data();
    }

    /** A new, independent {@link AccountRecords} holding exactly this. */
    public AccountRecords toRecords() {
        return AccountRecords.restore(this);
    }
}
