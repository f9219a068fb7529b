package io.netloom.server.api;

import io.netloom.api.netbird.Network;
import io.netloom.api.netbird.NetworkRequest;
import io.netloom.domain.ids.NetworkId;
import io.netloom.domain.network.CreateNetworkCommand;
import io.netloom.domain.network.DeleteNetworkCommand;
import io.netloom.domain.network.NetworkDetails;
import io.netloom.domain.network.UpdateNetworkCommand;
import io.netloom.projections.directory.AccountRecords;
import io.netloom.projections.directory.NetworkView;
import io.netloom.server.axon.Commands;
import io.netloom.server.security.Caller;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * NetBird's /api/networks and /api/networks/{networkId}: the networks themselves (their resources and routers
 * have controllers of their own).
 */
@RestController
@RequestMapping("/api/networks")
public class NetworksController {

    private final CallerAccounts accounts;
    private final Commands commands;
    private final AccountLocks locks;

    public NetworksController(CallerAccounts accounts, Commands commands, AccountLocks locks) {
        this.accounts = accounts;
        this.commands = commands;
        this.locks = locks;
    }

    @GetMapping
    public List<Network> list(@AuthenticationPrincipal Caller caller) {
        Access.requireAccountReader(caller);
        AccountRecords records = accounts.of(caller);
        return records.networks().stream().map(network -> toNetwork(records, network)).toList();
    }

    @GetMapping("/{networkId}")
    public Network get(@AuthenticationPrincipal Caller caller, @PathVariable String networkId) {
        Access.requireAccountReader(caller);
        AccountRecords records = accounts.of(caller);
        return toNetwork(records, existing(records, networkId));
    }

    @PostMapping
    public Network create(@AuthenticationPrincipal Caller caller, @RequestBody NetworkRequest request) {
        Access.requireAdmin(caller);
        AccountRecords records = accounts.of(caller);
        NetworkId id = NetworkId.random();
        NetworkDetails details = new NetworkDetails(request.name(), request.description());
        locks.withLock(caller.accountId(), () ->
                commands.send(new CreateNetworkCommand(id, caller.accountId(), details), Initiators.of(caller)));
        return toNetwork(records, records.network(id).orElseThrow());
    }

    @PutMapping("/{networkId}")
    public Network update(@AuthenticationPrincipal Caller caller, @PathVariable String networkId,
            @RequestBody NetworkRequest request) {
        Access.requireAdmin(caller);
        AccountRecords records = accounts.of(caller);
        NetworkView network = existing(records, networkId);
        NetworkDetails details = new NetworkDetails(request.name(), request.description());
        locks.withLock(caller.accountId(), () -> commands.send(
                new UpdateNetworkCommand(network.id(), caller.accountId(), details), Initiators.of(caller)));
        return toNetwork(records, records.network(network.id()).orElseThrow());
    }

    @DeleteMapping("/{networkId}")
    public Map<String, Object> delete(@AuthenticationPrincipal Caller caller, @PathVariable String networkId) {
        Access.requireAdmin(caller);
        NetworkView network = existing(accounts.of(caller), networkId);
        locks.withLock(caller.accountId(), () -> commands.send(
                new DeleteNetworkCommand(network.id(), caller.accountId()), Initiators.of(caller)));
        return Map.of();
    }

    private static NetworkView existing(AccountRecords records, String networkId) {
        return Networks.existing(records, networkId);
    }

    private static Network toNetwork(AccountRecords records, NetworkView network) {
        List<String> resources = records.networkResources(network.id()).stream()
                .map(resource -> resource.id().value()).toList();
        List<String> routers = records.networkRouters(network.id()).stream()
                .map(router -> router.id().value()).toList();
        return new Network(network.id().value(), routers, records.routingPeerCount(network.id()), resources,
                Networks.policiesReaching(records, network.id()), network.details().name(), network.details().description());
    }
}
