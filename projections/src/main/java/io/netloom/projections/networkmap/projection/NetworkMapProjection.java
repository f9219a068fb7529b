package io.netloom.projections.networkmap.projection;

import io.netloom.domain.account.AccountCreatedEvent;
import io.netloom.domain.account.AccountSettingsUpdatedEvent;
import io.netloom.domain.dns.DnsRecordCreatedEvent;
import io.netloom.domain.dns.DnsRecordDeletedEvent;
import io.netloom.domain.dns.DnsRecordUpdatedEvent;
import io.netloom.domain.dns.DnsSettingsUpdatedEvent;
import io.netloom.domain.dns.DnsZoneCreatedEvent;
import io.netloom.domain.dns.DnsZoneDeletedEvent;
import io.netloom.domain.dns.DnsZoneUpdatedEvent;
import io.netloom.domain.dns.NameserverGroupCreatedEvent;
import io.netloom.domain.dns.NameserverGroupDeletedEvent;
import io.netloom.domain.dns.NameserverGroupUpdatedEvent;
import io.netloom.domain.group.GroupCreatedEvent;
import io.netloom.domain.network.NetworkDeletedEvent;
import io.netloom.domain.network.NetworkResourceCreatedEvent;
import io.netloom.domain.network.NetworkResourceDeletedEvent;
import io.netloom.domain.network.NetworkResourceUpdatedEvent;
import io.netloom.domain.network.NetworkRouterCreatedEvent;
import io.netloom.domain.network.NetworkRouterDeletedEvent;
import io.netloom.domain.network.NetworkRouterUpdatedEvent;
import io.netloom.domain.group.GroupDeletedEvent;
import io.netloom.domain.group.PeersAddedToGroupEvent;
import io.netloom.domain.group.PeersRemovedFromGroupEvent;
import io.netloom.domain.peer.PeerApprovedEvent;
import io.netloom.domain.peer.PeerConnectedEvent;
import io.netloom.domain.peer.PeerDeletedEvent;
import io.netloom.domain.peer.PeerDisconnectedEvent;
import io.netloom.domain.peer.PeerEnrolledEvent;
import io.netloom.domain.peer.PeerLoginExpiredEvent;
import io.netloom.domain.peer.PeerLoginRenewedEvent;
import io.netloom.domain.peer.PeerOverlayIpChangedEvent;
import io.netloom.domain.peer.PeerExtraDnsLabelsChangedEvent;
import io.netloom.domain.peer.PeerRenamedEvent;
import io.netloom.domain.policy.PolicyCreatedEvent;
import io.netloom.domain.policy.PolicyDeletedEvent;
import io.netloom.domain.policy.PolicyUpdatedEvent;
import io.netloom.domain.route.RouteCreatedEvent;
import io.netloom.domain.route.RouteDeletedEvent;
import io.netloom.domain.route.RouteUpdatedEvent;
import io.netloom.domain.ids.UserId;
import io.netloom.domain.setupkey.SetupKeyCreatedEvent;
import io.netloom.domain.user.UserBlockedEvent;
import io.netloom.domain.user.UserDeletedEvent;
import io.netloom.domain.user.UserUnblockedEvent;
import io.netloom.projections.networkmap.AccountModel;
import io.netloom.projections.networkmap.NetworkModels;
import io.netloom.projections.networkmap.PeerNode;
import io.netloom.projections.networkmap.PolicySpec;
import io.netloom.projections.networkmap.RouteSpec;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

/**
 * Feeds domain events into the network-map model: live, it runs in its own tracking processor whose
 * position is never stored, so every start rebuilds the model by replaying the event store; for the
 * access history, it replays one account's past into a plain model (ADR 0035), so both read events alike.
 */
@ProcessingGroup(NetworkMapProjection.PROCESSING_GROUP)
public final class NetworkMapProjection {

    public static final String PROCESSING_GROUP = "network-map";

    private final NetworkModels maps;
    private final boolean offboardSetupKeyPeers;

    /**
     * @param offboardSetupKeyPeers whether a peer enrolled with a setup key belongs, for offboarding, to the
     *     key's creator ({@code netloom.identity.offboard-setup-key-peers}): then blocking or deleting that user
     *     cuts the servers they enrolled too, instead of leaving them connected unnoticed
     */
    public NetworkMapProjection(NetworkModels maps, boolean offboardSetupKeyPeers) {
        this.maps = maps;
        this.offboardSetupKeyPeers = offboardSetupKeyPeers;
    }

    @EventHandler
    public void on(AccountCreatedEvent event) {
        maps.createAccount(event.accountId(), event.network(), event.settings().dnsDomain());
    }

    @EventHandler
    public void on(AccountSettingsUpdatedEvent event) {
        maps.change(event.accountId(), network -> network.changeDnsDomain(event.settings().dnsDomain()));
    }

    @EventHandler
    public void on(GroupCreatedEvent event) {
        maps.change(event.accountId(), network -> network.addGroup(event.groupId(), event.builtIn()));
    }

    @EventHandler
    public void on(GroupDeletedEvent event) {
        maps.change(event.accountId(), network -> network.deleteGroup(event.groupId()));
    }

    @EventHandler
    public void on(PeersAddedToGroupEvent event) {
        maps.change(event.accountId(), network -> network.addToGroup(event.groupId(), event.peerIds()));
    }

    @EventHandler
    public void on(PeersRemovedFromGroupEvent event) {
        maps.change(event.accountId(), network -> network.removeFromGroup(event.groupId(), event.peerIds()));
    }

    @EventHandler
    public void on(SetupKeyCreatedEvent event) {
        if (event.createdBy() != null) {
            maps.change(event.accountId(), network -> {
                network.rememberSetupKeyCreator(event.setupKeyId(), event.createdBy());
                return List.of();
            });
        }
    }

    @EventHandler
    public void on(PeerEnrolledEvent event) {
        maps.change(event.accountId(), network -> network.addPeer(new PeerNode(event.peerId(),
                event.publicKey().base64(), event.overlayIp(), event.dnsLabel().value(), ownerOf(event, network),
                !event.approvalRequired(), false, false, event.extraDnsLabels().names())));
    }

    private UserId ownerOf(PeerEnrolledEvent event, AccountModel network) {
        if (event.enrolledByUser() != null || !offboardSetupKeyPeers || event.enrolledWithSetupKey() == null) {
            return event.enrolledByUser();
        }
        return network.setupKeyCreator(event.enrolledWithSetupKey()).orElse(null);
    }

    @EventHandler
    public void on(PeerApprovedEvent event) {
        maps.change(event.accountId(), network -> network.changePeer(event.peerId(), peer -> peer.withApproved(true)));
    }

    @EventHandler
    public void on(PeerOverlayIpChangedEvent event) {
        maps.change(event.accountId(),
                network -> network.changePeer(event.peerId(), peer -> peer.withOverlayIp(event.overlayIp())));
    }

    @EventHandler
    public void on(PeerRenamedEvent event) {
        maps.change(event.accountId(),
                network -> network.changePeer(event.peerId(), peer -> peer.withDnsLabel(event.dnsLabel().value())));
    }

    @EventHandler
    public void on(PeerExtraDnsLabelsChangedEvent event) {
        maps.change(event.accountId(), network -> network.changePeer(event.peerId(),
                peer -> peer.withExtraDnsLabels(event.extraDnsLabels().names())));
    }

    /** The peer keeps its session, so that it learns at once, from its empty map, that it reaches no one. */
    @EventHandler
    public void on(PeerLoginExpiredEvent event) {
        maps.change(event.accountId(),
                network -> network.changePeer(event.peerId(), peer -> peer.withLoginExpired(true)));
    }

    @EventHandler
    public void on(PeerLoginRenewedEvent event) {
        maps.change(event.accountId(),
                network -> network.changePeer(event.peerId(), peer -> peer.withLoginExpired(false)));
    }

    @EventHandler
    public void on(PeerConnectedEvent event) {
        maps.change(event.accountId(), network -> network.changePeer(event.peerId(), peer -> peer.withConnected(true)));
    }

    @EventHandler
    public void on(PeerDisconnectedEvent event) {
        maps.change(event.accountId(), network -> network.changePeer(event.peerId(), peer -> peer.withConnected(false)));
    }

    @EventHandler
    public void on(PeerDeletedEvent event) {
        maps.removePeer(event.accountId(), event.peerId());
    }

    @EventHandler
    public void on(PolicyCreatedEvent event) {
        maps.change(event.accountId(),
                network -> network.putPolicy(event.policyId(), new PolicySpec(event.enabled(), event.rules())));
    }

    @EventHandler
    public void on(PolicyUpdatedEvent event) {
        maps.change(event.accountId(),
                network -> network.putPolicy(event.policyId(), new PolicySpec(event.enabled(), event.rules())));
    }

    @EventHandler
    public void on(PolicyDeletedEvent event) {
        maps.change(event.accountId(), network -> network.removePolicy(event.policyId()));
    }

    @EventHandler
    public void on(RouteCreatedEvent event) {
        maps.change(event.accountId(),
                network -> network.putRoute(event.routeId(), RouteSpec.of(event.routeId(), event.definition())));
    }

    @EventHandler
    public void on(RouteUpdatedEvent event) {
        maps.change(event.accountId(),
                network -> network.putRoute(event.routeId(), RouteSpec.of(event.routeId(), event.definition())));
    }

    @EventHandler
    public void on(RouteDeletedEvent event) {
        maps.change(event.accountId(), network -> network.removeRoute(event.routeId()));
    }

    /** Resources and routers come with events of their own; a network alone changes no map. */
    @EventHandler
    public void on(NetworkDeletedEvent event) {
        maps.change(event.accountId(), network -> network.removeNetwork(event.networkId()));
    }

    @EventHandler
    public void on(NetworkResourceCreatedEvent event) {
        maps.change(event.accountId(), network ->
                network.putNetworkResource(event.networkId(), event.resourceId(), event.definition()));
    }

    @EventHandler
    public void on(NetworkResourceUpdatedEvent event) {
        maps.change(event.accountId(), network ->
                network.putNetworkResource(event.networkId(), event.resourceId(), event.definition()));
    }

    @EventHandler
    public void on(NetworkResourceDeletedEvent event) {
        maps.change(event.accountId(),
                network -> network.removeNetworkResource(event.networkId(), event.resourceId()));
    }

    @EventHandler
    public void on(NetworkRouterCreatedEvent event) {
        maps.change(event.accountId(),
                network -> network.putNetworkRouter(event.networkId(), event.routerId(), event.definition()));
    }

    @EventHandler
    public void on(NetworkRouterUpdatedEvent event) {
        maps.change(event.accountId(),
                network -> network.putNetworkRouter(event.networkId(), event.routerId(), event.definition()));
    }

    @EventHandler
    public void on(NetworkRouterDeletedEvent event) {
        maps.change(event.accountId(), network -> network.removeNetworkRouter(event.networkId(), event.routerId()));
    }

    @EventHandler
    public void on(DnsSettingsUpdatedEvent event) {
        maps.change(event.accountId(), network -> network.changeDnsSettings(event.settings()));
    }

    @EventHandler
    public void on(NameserverGroupCreatedEvent event) {
        maps.change(event.accountId(),
                network -> network.putNameserverGroup(event.nameserverGroupId(), event.definition()));
    }

    @EventHandler
    public void on(NameserverGroupUpdatedEvent event) {
        maps.change(event.accountId(),
                network -> network.putNameserverGroup(event.nameserverGroupId(), event.definition()));
    }

    @EventHandler
    public void on(NameserverGroupDeletedEvent event) {
        maps.change(event.accountId(), network -> network.removeNameserverGroup(event.nameserverGroupId()));
    }

    @EventHandler
    public void on(DnsZoneCreatedEvent event) {
        maps.change(event.accountId(), network -> network.putDnsZone(event.zoneId(), event.definition()));
    }

    @EventHandler
    public void on(DnsZoneUpdatedEvent event) {
        maps.change(event.accountId(), network -> network.putDnsZone(event.zoneId(), event.definition()));
    }

    /** Its records were deleted by events of their own just before. */
    @EventHandler
    public void on(DnsZoneDeletedEvent event) {
        maps.change(event.accountId(), network -> network.removeDnsZone(event.zoneId()));
    }

    @EventHandler
    public void on(DnsRecordCreatedEvent event) {
        maps.change(event.accountId(),
                network -> network.putDnsRecord(event.zoneId(), event.recordId(), event.definition()));
    }

    @EventHandler
    public void on(DnsRecordUpdatedEvent event) {
        maps.change(event.accountId(),
                network -> network.putDnsRecord(event.zoneId(), event.recordId(), event.definition()));
    }

    @EventHandler
    public void on(DnsRecordDeletedEvent event) {
        maps.change(event.accountId(), network -> network.removeDnsRecord(event.zoneId(), event.recordId()));
    }

    @EventHandler
    public void on(UserBlockedEvent event) {
        maps.blockUser(event.accountId(), event.userId());
    }

    /** A deleted user's peers stay cut off, as if blocked for good: deny on doubt. */
    @EventHandler
    public void on(UserDeletedEvent event) {
        maps.blockUser(event.accountId(), event.userId());
    }

    @EventHandler
    public void on(UserUnblockedEvent event) {
        maps.change(event.accountId(), network -> network.unblockUser(event.userId()));
    }
}
