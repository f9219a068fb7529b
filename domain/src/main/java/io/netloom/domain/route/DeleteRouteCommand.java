package io.netloom.domain.route;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.RouteId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record DeleteRouteCommand(@TargetAggregateIdentifier RouteId routeId, AccountId accountId) {
}
