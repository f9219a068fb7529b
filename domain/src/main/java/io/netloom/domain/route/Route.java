package io.netloom.domain.route;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import io.netloom.domain.common.AccountScope;
import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.common.Ipv4Network;
import io.netloom.domain.common.Required;
import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.RouteId;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/**
 * A prefix reachable through routing peers. Its own aggregate rather than part of a peer or group: a route
 * names peers and groups without owning them, and changing one route must not contend with peer traffic.
 */
public class Route {

    @AggregateIdentifier
    private RouteId routeId;
    private AccountId accountId;
    private RouteDefinition definition;

    public Route() {
        // Required by Axon to construct an empty instance before replaying its events.
    }

    @CommandHandler
    public Route(CreateRouteCommand command) {
        Required.present(command.accountId(), "account");
        apply(new RouteCreatedEvent(command.routeId(), command.accountId(),
                validDefinition(command.definition(), command.overlay())));
    }

    @CommandHandler
    public void handle(UpdateRouteCommand command) {
        requireSameAccount(command.accountId());
        RouteDefinition changed = validDefinition(command.definition(), command.overlay());
        if (!changed.equals(definition)) {
            apply(new RouteUpdatedEvent(routeId, accountId, changed));
        }
    }

    @CommandHandler
    public void handle(DeleteRouteCommand command) {
        requireSameAccount(command.accountId());
        apply(new RouteDeletedEvent(routeId, accountId));
    }

    @EventSourcingHandler
    void on(RouteCreatedEvent event) {
        routeId = event.routeId();
        accountId = event.accountId();
        definition = event.definition();
    }

    @EventSourcingHandler
    void on(RouteUpdatedEvent event) {
        definition = event.definition();
    }

    @EventSourcingHandler
    void on(RouteDeletedEvent event) {
        markDeleted();
    }

    private void requireSameAccount(AccountId requested) {
        AccountScope.requireSameAccount(accountId, requested, "route");
    }

    /**
     * A route into the overlay would make clients send peer traffic through the routing peer instead of the
     * peer itself. The default route is the exception: clients keep their more specific overlay routes. Also
     * checked by a dry run (ADR 0035), so that it refuses what the route would.
     */
    public static RouteDefinition validDefinition(RouteDefinition definition, Ipv4Network overlay) {
        Required.present(definition, "route");
        Required.present(overlay, "overlay network");
        RoutePrefix prefix = definition.network();
        if (!prefix.isDefaultRoute() && prefix.overlaps(new RoutePrefix(overlay.cidr()))) {
            throw CommandRejectedException.invalid("network " + prefix.cidr()
                    + " overlaps the account's overlay network " + overlay.cidr());
        }
        return definition;
    }
}
