package io.netloom.server.api;

import io.netloom.api.netbird.AccessiblePeer;
import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.ids.PeerId;
import io.netloom.projections.directory.AccountRecords;
import io.netloom.projections.directory.PeerView;
import io.netloom.projections.networkmap.NetworkMap;
import io.netloom.projections.networkmap.NetworkMaps;
import io.netloom.projections.networkmap.RemotePeer;
import io.netloom.server.security.Caller;
import java.util.List;
import java.util.Optional;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** What a peer may reach: NetBird's accessible-peers listing and Netloom's full network-map view. */
@RestController
@RequestMapping("/api/peers/{peerId}")
public class PeerNetworkController {

    private final CallerAccounts accounts;
    private final NetworkMaps maps;

    public PeerNetworkController(CallerAccounts accounts, NetworkMaps maps) {
        this.accounts = accounts;
        this.maps = maps;
    }

    @GetMapping("/accessible-peers")
    public List<AccessiblePeer> accessiblePeers(@AuthenticationPrincipal Caller caller, @PathVariable String peerId) {
        AccountRecords records = accounts.of(caller);
        NetworkMap map = currentMap(caller, records, peerId);
        return map.remotePeers().stream()
                .map(remote -> accessiblePeer(records, remote))
                .flatMap(Optional::stream)
                .toList();
    }

    /** The map the peer currently receives from the gateway, with its serial. */
    @GetMapping("/network-map")
    public NetworkMap networkMap(@AuthenticationPrincipal Caller caller, @PathVariable String peerId) {
        return currentMap(caller, accounts.of(caller), peerId);
    }

    private NetworkMap currentMap(Caller caller, AccountRecords records, String peerId) {
        PeerView peer = PeersController.visiblePeer(caller, records, peerId);
        return maps.mapOf(caller.accountId(), peer.id())
                .orElseThrow(() -> CommandRejectedException.notFound("peer not found"));
    }

    /** A peer deleted a moment ago may still be in the map; it is left out rather than shown half. */
    private static Optional<AccessiblePeer> accessiblePeer(AccountRecords records, RemotePeer remote) {
        return records.peer(new PeerId(remote.id())).map(peer -> new AccessiblePeer(
                peer.id().value(),
                peer.name(),
                peer.overlayIp(),
                remote.fqdn(),
                peer.enrolledByUser() == null ? "" : peer.enrolledByUser().value(),
                peer.metadata().os(),
                "",
                "",
                0,
                remote.connected(),
                NetbirdViews.lastSeen(records, peer)));
    }
}
