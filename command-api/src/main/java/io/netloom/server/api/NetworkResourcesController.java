package io.netloom.server.api;

import io.netloom.api.netbird.NetworkResource;
import io.netloom.api.netbird.NetworkResourceRequest;
import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.ids.NetworkResourceId;
import io.netloom.domain.network.CreateNetworkResourceCommand;
import io.netloom.domain.network.DeleteNetworkResourceCommand;
import io.netloom.domain.network.ResourceAddress;
import io.netloom.domain.network.ResourceDefinition;
import io.netloom.domain.network.UpdateNetworkResourceCommand;
import io.netloom.projections.directory.AccountRecords;
import io.netloom.projections.directory.NetworkResourceView;
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
 * NetBird's /api/networks/{networkId}/resources: the hosts and subnets of a network. Default-deny: a resource is
 * reachable only by the sources of enabled policies that target one of its groups (ADR 0030).
 */
@RestController
@RequestMapping("/api/networks/{networkId}/resources")
public class NetworkResourcesController {

    private final CallerAccounts accounts;
    private final Commands commands;
    private final AccountLocks locks;
    private final ControlPlaneAddresses controlPlane;

    public NetworkResourcesController(CallerAccounts accounts, Commands commands, AccountLocks locks,
            ControlPlaneAddresses controlPlane) {
        this.accounts = accounts;
        this.commands = commands;
        this.locks = locks;
        this.controlPlane = controlPlane;
    }

    @GetMapping
    public List<NetworkResource> list(@AuthenticationPrincipal Caller caller, @PathVariable String networkId) {
        Access.requireAccountReader(caller);
        AccountRecords records = accounts.of(caller);
        NetworkView network = Networks.existing(records, networkId);
        return records.networkResources(network.id()).stream().map(resource -> toResource(records, resource))
                .toList();
    }

    @GetMapping("/{resourceId}")
    public NetworkResource get(@AuthenticationPrincipal Caller caller, @PathVariable String networkId,
            @PathVariable String resourceId) {
        Access.requireAccountReader(caller);
        AccountRecords records = accounts.of(caller);
        return toResource(records, existing(records, networkId, resourceId));
    }

    @PostMapping
    public NetworkResource create(@AuthenticationPrincipal Caller caller, @PathVariable String networkId,
            @RequestBody NetworkResourceRequest request) {
        Access.requireAdmin(caller);
        AccountRecords records = accounts.of(caller);
        NetworkView network = Networks.existing(records, networkId);
        NetworkResourceId id = NetworkResourceId.random();
        // Under the account's lock, so the groups checked here cannot be deleted before the resource exists.
        locks.withLock(caller.accountId(), () -> commands.send(new CreateNetworkResourceCommand(network.id(),
                caller.accountId(), id, definition(records, request), records.account().network()),
                Initiators.of(caller)));
        return toResource(records, records.networkResource(network.id(), id).orElseThrow());
    }

    @PutMapping("/{resourceId}")
    public NetworkResource update(@AuthenticationPrincipal Caller caller, @PathVariable String networkId,
            @PathVariable String resourceId, @RequestBody NetworkResourceRequest request) {
        Access.requireAdmin(caller);
        AccountRecords records = accounts.of(caller);
        NetworkResourceView resource = existing(records, networkId, resourceId);
        locks.withLock(caller.accountId(), () -> commands.send(new UpdateNetworkResourceCommand(resource.networkId(),
                caller.accountId(), resource.id(), definition(records, request), records.account().network()),
                Initiators.of(caller)));
        return toResource(records, records.networkResource(resource.networkId(), resource.id()).orElseThrow());
    }

    @DeleteMapping("/{resourceId}")
    public Map<String, Object> delete(@AuthenticationPrincipal Caller caller, @PathVariable String networkId,
            @PathVariable String resourceId) {
        Access.requireAdmin(caller);
        NetworkResourceView resource = existing(accounts.of(caller), networkId, resourceId);
        locks.withLock(caller.accountId(), () -> commands.send(new DeleteNetworkResourceCommand(resource.networkId(),
                caller.accountId(), resource.id()), Initiators.of(caller)));
        return Map.of();
    }

    private ResourceDefinition definition(AccountRecords records, NetworkResourceRequest request) {
        ResourceAddress address = ResourceAddress.parse(Required.field(request.address(), "address"));
        controlPlane.requireOutside(address.prefix(), "address");
        return new ResourceDefinition(
                Required.field(request.name(), "name"),
                request.description(),
                address,
                ExistingGroups.require(records, Required.field(request.groups(), "groups")),
                Required.field(request.enabled(), "enabled"));
    }

    private static NetworkResourceView existing(AccountRecords records, String networkId, String resourceId) {
        NetworkView network = Networks.existing(records, networkId);
        return records.networkResource(network.id(), new NetworkResourceId(resourceId))
                .orElseThrow(() -> CommandRejectedException.notFound("resource not found"));
    }

    private static NetworkResource toResource(AccountRecords records, NetworkResourceView resource) {
        ResourceDefinition definition = resource.definition();
        return new NetworkResource(resource.id().value(), definition.address().type().wireName(),
                definition.groups().stream().flatMap(group -> records.groupSummary(group).stream())
                        .map(NetbirdViews::groupMinimum).toList(),
                definition.name(), definition.description(), definition.address().address(), definition.enabled());
    }
}
