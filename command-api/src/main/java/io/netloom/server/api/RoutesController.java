package io.netloom.server.api;

import io.netloom.api.netbird.Route;
import io.netloom.api.netbird.RouteRequest;
import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.ids.RouteId;
import io.netloom.domain.route.CreateRouteCommand;
import io.netloom.domain.route.DeleteRouteCommand;
import io.netloom.domain.route.RouteDefinition;
import io.netloom.domain.route.UpdateRouteCommand;
import io.netloom.projections.directory.AccountRecords;
import io.netloom.projections.directory.RouteView;
import io.netloom.server.axon.Commands;
import io.netloom.server.security.Caller;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** NetBird's /api/routes: prefixes behind routing peers, for the peers of the route's groups. */
@RestController
@RequestMapping("/api/routes")
public class RoutesController {

    private static final String IPV4 = "IPv4";

    private final CallerAccounts accounts;
    private final Commands commands;
    private final AccountLocks locks;
    private final ControlPlaneAddresses controlPlane;

    public RoutesController(CallerAccounts accounts, Commands commands, AccountLocks locks,
            ControlPlaneAddresses controlPlane) {
        this.accounts = accounts;
        this.commands = commands;
        this.locks = locks;
        this.controlPlane = controlPlane;
    }

    @GetMapping
    public List<Route> list(@AuthenticationPrincipal Caller caller) {
        Access.requireAccountReader(caller);
        return accounts.of(caller).routes().stream().map(RoutesController::toRoute).toList();
    }

    @GetMapping("/{routeId}")
    public Route get(@AuthenticationPrincipal Caller caller, @PathVariable String routeId) {
        Access.requireAccountReader(caller);
        return toRoute(existing(accounts.of(caller), routeId));
    }

    @PostMapping
    public Route create(@AuthenticationPrincipal Caller caller, @RequestBody RouteRequest request) {
        Access.requireAdmin(caller);
        AccountRecords records = accounts.of(caller);
        RouteId id = RouteId.random();
        // Under the account's lock, so the peers and groups checked here cannot be deleted before the route exists.
        locks.withLock(caller.accountId(), () -> {
            RouteDefinition definition = RouteDefinitions.checked(records, controlPlane, request, Optional.empty());
            commands.send(new CreateRouteCommand(id, caller.accountId(), definition, records.account().network()),
                    Initiators.of(caller));
        });
        return toRoute(records.route(id).orElseThrow());
    }

    @PutMapping("/{routeId}")
    public Route update(@AuthenticationPrincipal Caller caller, @PathVariable String routeId,
            @RequestBody RouteRequest request) {
        Access.requireAdmin(caller);
        AccountRecords records = accounts.of(caller);
        RouteView route = existing(records, routeId);
        locks.withLock(caller.accountId(), () -> {
            RouteDefinition definition = RouteDefinitions.checked(records, controlPlane, request,
                    Optional.of(route.id()));
            commands.send(new UpdateRouteCommand(route.id(), caller.accountId(), definition,
                    records.account().network()), Initiators.of(caller));
        });
        return toRoute(records.route(route.id()).orElseThrow());
    }

    @DeleteMapping("/{routeId}")
    public Map<String, Object> delete(@AuthenticationPrincipal Caller caller, @PathVariable String routeId) {
        Access.requireAdmin(caller);
        RouteView route = existing(accounts.of(caller), routeId);
        locks.withLock(caller.accountId(), () -> commands.send(new DeleteRouteCommand(route.id(), caller.accountId()),
                Initiators.of(caller)));
        return Map.of();
    }

    private static RouteView existing(AccountRecords records, String routeId) {
        return records.route(new RouteId(routeId))
                .orElseThrow(() -> CommandRejectedException.notFound("route not found"));
    }

    private static Route toRoute(RouteView route) {
        RouteDefinition definition = route.definition();
        PeerId peer = definition.peer();
        return new Route(route.id().value(), IPV4, definition.description(), definition.networkId(),
                definition.enabled(), peer == null ? null : peer.value(),
                peer == null ? values(definition.peerGroups()) : null, definition.network().cidr(),
                definition.metric(), definition.masquerade(), values(definition.groups()), definition.keepRoute(),
                values(definition.accessControlGroups()), definition.skipAutoApply());
    }

    private static List<String> values(Set<GroupId> groups) {
        return groups.stream().map(GroupId::value).toList();
    }
}
