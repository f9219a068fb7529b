package io.netloom.server.api;

import io.netloom.api.netbird.Network;
import io.netloom.api.netbird.NetworkRequest;
import io.netloom.domain.common.CommandRejectedException;
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
 * NetBird's /api/networks and /api/networks/{networkId}: the networks themselves. Their resources and routers
 * are not served yet (ADR 0030), so every network shows none of them.
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
        return accounts.of(caller).networks().stream().map(NetworksController::toNetwork).toList();
    }

    @GetMapping("/{networkId}")
    public Network get(@AuthenticationPrincipal Caller caller, @PathVariable String networkId) {
        Access.requireAccountReader(caller);
        return toNetwork(existing(accounts.of(caller), networkId));
    }

    @PostMapping
    public Network create(@AuthenticationPrincipal Caller caller, @RequestBody NetworkRequest request) {
        Access.requireAdmin(caller);
        AccountRecords records = accounts.of(caller);
        NetworkId id = NetworkId.random();
        NetworkDetails details = new NetworkDetails(request.name(), request.description());
        locks.withLock(caller.accountId(), () ->
                commands.send(new CreateNetworkCommand(id, caller.accountId(), details), Initiators.of(caller)));
        return toNetwork(records.network(id).orElseThrow());
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
        return toNetwork(records.network(network.id()).orElseThrow());
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
        return records.network(new NetworkId(networkId))
                .orElseThrow(() -> CommandRejectedException.notFound("network not found"));
    }

    private static Network toNetwork(NetworkView network) {
        return new Network(network.id().value(), List.of(), 0, List.of(), List.of(), network.details().name(),
                network.details().description());
    }
}
