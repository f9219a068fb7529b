package io.netloom.server.api;

import io.netloom.api.netbird.NetworkRouter;
import io.netloom.api.netbird.NetworkRouterRequest;
import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.NetworkRouterId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.network.CreateNetworkRouterCommand;
import io.netloom.domain.network.DeleteNetworkRouterCommand;
import io.netloom.domain.network.RouterDefinition;
import io.netloom.domain.network.UpdateNetworkRouterCommand;
import io.netloom.projections.directory.AccountRecords;
import io.netloom.projections.directory.NetworkRouterView;
import io.netloom.projections.directory.NetworkView;
import io.netloom.server.axon.Commands;
import io.netloom.server.security.Caller;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** NetBird's /api/networks/{networkId}/routers and /api/networks/routers: the peers forwarding to a network. */
@RestController
public class NetworkRoutersController {

    private static final String ROUTERS = "/api/networks/{networkId}/routers";
    private static final String ROUTER = ROUTERS + "/{routerId}";

    private final CallerAccounts accounts;
    private final Commands commands;
    private final AccountLocks locks;

    public NetworkRoutersController(CallerAccounts accounts, Commands commands, AccountLocks locks) {
        this.accounts = accounts;
        this.commands = commands;
        this.locks = locks;
    }

    @GetMapping("/api/networks/routers")
    public List<NetworkRouter> listAll(@AuthenticationPrincipal Caller caller) {
        Access.requireAccountReader(caller);
        return accounts.of(caller).networkRouters().stream().map(NetworkRoutersController::toRouter).toList();
    }

    @GetMapping(ROUTERS)
    public List<NetworkRouter> list(@AuthenticationPrincipal Caller caller, @PathVariable String networkId) {
        Access.requireAccountReader(caller);
        AccountRecords records = accounts.of(caller);
        NetworkView network = Networks.existing(records, networkId);
        return records.networkRouters(network.id()).stream().map(NetworkRoutersController::toRouter).toList();
    }

    @GetMapping(ROUTER)
    public NetworkRouter get(@AuthenticationPrincipal Caller caller, @PathVariable String networkId,
            @PathVariable String routerId) {
        Access.requireAccountReader(caller);
        return toRouter(existing(accounts.of(caller), networkId, routerId));
    }

    @PostMapping(ROUTERS)
    public NetworkRouter create(@AuthenticationPrincipal Caller caller, @PathVariable String networkId,
            @RequestBody NetworkRouterRequest request) {
        Access.requireAdmin(caller);
        AccountRecords records = accounts.of(caller);
        NetworkView network = Networks.existing(records, networkId);
        NetworkRouterId id = NetworkRouterId.random();
        // Under the account's lock, so the peer and groups checked here cannot be deleted before the router exists.
        locks.withLock(caller.accountId(), () -> commands.send(new CreateNetworkRouterCommand(network.id(),
                caller.accountId(), id, definition(records, request)), Initiators.of(caller)));
        return toRouter(records.networkRouter(network.id(), id).orElseThrow());
    }

    @PutMapping(ROUTER)
    public NetworkRouter update(@AuthenticationPrincipal Caller caller, @PathVariable String networkId,
            @PathVariable String routerId, @RequestBody NetworkRouterRequest request) {
        Access.requireAdmin(caller);
        AccountRecords records = accounts.of(caller);
        NetworkRouterView router = existing(records, networkId, routerId);
        locks.withLock(caller.accountId(), () -> commands.send(new UpdateNetworkRouterCommand(router.networkId(),
                caller.accountId(), router.id(), definition(records, request)), Initiators.of(caller)));
        return toRouter(records.networkRouter(router.networkId(), router.id()).orElseThrow());
    }

    @DeleteMapping(ROUTER)
    public Map<String, Object> delete(@AuthenticationPrincipal Caller caller, @PathVariable String networkId,
            @PathVariable String routerId) {
        Access.requireAdmin(caller);
        NetworkRouterView router = existing(accounts.of(caller), networkId, routerId);
        locks.withLock(caller.accountId(), () -> commands.send(new DeleteNetworkRouterCommand(router.networkId(),
                caller.accountId(), router.id()), Initiators.of(caller)));
        return Map.of();
    }

    private static RouterDefinition definition(AccountRecords records, NetworkRouterRequest request) {
        return new RouterDefinition(
                existingPeer(records, request.peer()),
                request.peerGroups() == null ? Set.of() : ExistingGroups.require(records, request.peerGroups()),
                Required.field(request.metric(), "metric"),
                Required.field(request.masquerade(), "masquerade"),
                Required.field(request.enabled(), "enabled"));
    }

    private static PeerId existingPeer(AccountRecords records, String raw) {
        if (raw == null) {
            return null;
        }
        PeerId id = new PeerId(raw);
        if (records.peer(id).isEmpty()) {
            throw CommandRejectedException.invalid("peer " + raw + " does not exist");
        }
        return id;
    }

    private static NetworkRouterView existing(AccountRecords records, String networkId, String routerId) {
        NetworkView network = Networks.existing(records, networkId);
        return records.networkRouter(network.id(), new NetworkRouterId(routerId))
                .orElseThrow(() -> CommandRejectedException.notFound("router not found"));
    }

    private static NetworkRouter toRouter(NetworkRouterView router) {
        RouterDefinition definition = router.definition();
        PeerId peer = definition.peer();
        return new NetworkRouter(router.id().value(), peer == null ? null : peer.value(),
                peer == null ? definition.peerGroups().stream().map(GroupId::value).toList() : null,
                definition.metric(), definition.masquerade(), definition.enabled());
    }
}
