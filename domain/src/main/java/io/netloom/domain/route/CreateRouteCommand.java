package io.netloom.domain.route;

import io.netloom.domain.common.Ipv4Network;
import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.RouteId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Creates a route. {@code overlay} is the account's overlay range, which no route may
 * lead into: the caller reads it from the account so the aggregate stays free of I/O.
 */
public record CreateRouteCommand(
        @TargetAggregateIdentifier RouteId routeId,
        AccountId accountId,
        RouteDefinition definition,
        Ipv4Network overlay) {
}
