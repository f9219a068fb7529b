package io.netloom.server.api;

import io.netloom.api.netbird.Peer;
import io.netloom.api.netbird.PeerBatch;
import io.netloom.api.netbird.PeerRequest;
import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.group.RemovePeerFromGroupCommand;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.peer.DeletePeerCommand;
import io.netloom.domain.peer.UpdatePeerCommand;
import io.netloom.projections.directory.AccountRecords;
import io.netloom.projections.directory.PeerView;
import io.netloom.projections.networkmap.NetworkMaps;
import io.netloom.server.axon.Commands;
import io.netloom.server.claims.ClaimConflictException;
import io.netloom.server.claims.ClaimKind;
import io.netloom.server.enrollment.PeerAddressing;
import io.netloom.server.gateway.GatewayServer;
import io.netloom.server.security.Caller;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToIntFunction;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** NetBird's /api/peers. Regular users see and change only the peers they enrolled themselves. */
@RestController
@RequestMapping("/api/peers")
public class PeersController {

    /** Attempts at a rename whose chosen DNS label a concurrent change claimed first. */
    private static final int MAX_ATTEMPTS = 5;

    private final CallerAccounts accounts;
    private final Commands commands;
    private final PeerAddressing addressing;
    private final NetworkMaps maps;
    private final AccountLocks locks;
    private final GatewayServer gateway;

    public PeersController(CallerAccounts accounts, Commands commands, PeerAddressing addressing, NetworkMaps maps,
            AccountLocks locks, GatewayServer gateway) {
        this.accounts = accounts;
        this.gateway = gateway;
        this.locks = locks;
        this.commands = commands;
        this.addressing = addressing;
        this.maps = maps;
    }

    /**
     * The peers the caller may see; {@code name} and {@code ip} narrow them to those whose name or
     * overlay address contains the value, as NetBird's {@code LIKE '%value%'} does (names without
     * regard to case, wildcards taken literally).
     */
    @GetMapping
    public List<PeerBatch> list(@AuthenticationPrincipal Caller caller,
            @RequestParam(name = "name", required = false) String name,
            @RequestParam(name = "ip", required = false) String ip) {
        Optional<String> nameContains = QueryFilters.substring("name", name);
        Optional<String> ipContains = QueryFilters.addressFragment("ip", ip);
        AccountRecords records = accounts.of(caller);
        ToIntFunction<PeerId> reachable = maps.reachableCounts(caller.accountId());
        return records.peers().stream()
                .filter(peer -> isVisibleTo(caller, peer))
                .filter(peer -> nameContains.isEmpty()
                        || peer.name().toLowerCase(Locale.ROOT).contains(nameContains.get()))
                .filter(peer -> ipContains.isEmpty() || peer.overlayIp().contains(ipContains.get()))
                .map(peer -> new PeerBatch(view(caller, peer, records), reachable.applyAsInt(peer.id())))
                .toList();
    }

    @GetMapping("/{peerId}")
    public Peer get(@AuthenticationPrincipal Caller caller, @PathVariable String peerId) {
        AccountRecords records = accounts.of(caller);
        return view(caller, visiblePeer(caller, records, peerId), records);
    }

    @PutMapping("/{peerId}")
    public Peer update(@AuthenticationPrincipal Caller caller, @PathVariable String peerId,
            @RequestBody PeerRequest request) {
        Access.requireAdmin(caller);
        AccountRecords records = accounts.of(caller);
        PeerView peer = visiblePeer(caller, records, peerId);
        String name = Required.field(request.name(), "name");
        boolean ssh = Required.field(request.sshEnabled(), "ssh_enabled");
        boolean loginExpiration = Required.field(request.loginExpirationEnabled(), "login_expiration_enabled");
        boolean inactivityExpiration =
                Required.field(request.inactivityExpirationEnabled(), "inactivity_expiration_enabled");
        boolean approvalRequired = request.approvalRequired() == null ? peer.approvalRequired() : request.approvalRequired();
        String ip = request.ip() == null ? peer.overlayIp() : request.ip();
        if (!ip.equals(peer.overlayIp())) {
            addressing.requireAssignable(records, peer.id(), ip);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                commands.sendAtomically(() -> List.of(new UpdatePeerCommand(peer.id(), caller.accountId(), name,
                        name.equals(peer.name()) ? peer.dnsLabel() : addressing.labelForRename(records, peer.id(), name),
                        ssh, loginExpiration, inactivityExpiration, approvalRequired, ip)), Initiators.of(caller));
                break;
            } catch (ClaimConflictException conflict) {
                // The address was asked for, so taken is final; a label was chosen, so another is tried.
                if (conflict.kind() == ClaimKind.OVERLAY_IP) {
                    throw PeerAddressing.addressTaken(ip);
                }
                if (attempt == MAX_ATTEMPTS) {
                    throw CommandRejectedException.conflict("the change met concurrent changes; retry");
                }
            }
        }
        return view(caller, records.peer(peer.id()).orElseThrow(), records);
    }

    /** NetBird's peer object, with the paths the peer's daemon reports on its live gateway session. */
    private Peer view(Caller caller, PeerView peer, AccountRecords records) {
        return NetbirdViews.peer(peer, records, gateway.reportedPaths(caller.accountId(), peer.id()));
    }

    @DeleteMapping("/{peerId}")
    public Map<String, Object> delete(@AuthenticationPrincipal Caller caller, @PathVariable String peerId) {
        Access.requireAdmin(caller);
        AccountRecords records = accounts.of(caller);
        PeerView peer = visiblePeer(caller, records, peerId);
        List<Object> steps = new ArrayList<>();
        records.groupsOf(peer.id()).stream().filter(group -> !group.builtIn()).forEach(group ->
                steps.add(new RemovePeerFromGroupCommand(group.id(), caller.accountId(), peer.id())));
        steps.add(new DeletePeerCommand(peer.id(), caller.accountId()));
        // Under the account's lock, as route changes are, so no route can pick the peer up while it goes.
        locks.withLock(caller.accountId(), () -> {
            List<String> routes = new ArrayList<>(records.routesServedBy(peer.id()).stream()
                    .map(route -> "route \"" + route.definition().networkId() + "\"").toList());
            records.networkRoutersServedBy(peer.id()).forEach(router -> routes.add("router of network \""
                    + records.network(router.networkId()).map(network -> network.details().name()).orElse("")
                    + "\""));
            if (!routes.isEmpty()) {
                throw CommandRejectedException.preconditionFailed(
                        "peer \"" + peer.name() + "\" is still used by " + String.join(", ", routes));
            }
            commands.sendAtomically(steps, Initiators.of(caller));
        });
        return Map.of();
    }

    static PeerView visiblePeer(Caller caller, AccountRecords records, String peerId) {
        return records.peer(new PeerId(peerId))
                .filter(peer -> isVisibleTo(caller, peer))
                .orElseThrow(() -> CommandRejectedException.notFound("peer not found"));
    }

    private static boolean isVisibleTo(Caller caller, PeerView peer) {
        return caller.canReadAccount() || caller.userId().equals(peer.enrolledByUser());
    }
}
