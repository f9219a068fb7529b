package io.netloom.projections.directory;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.RouteId;
import io.netloom.domain.route.RouteDefinition;

public record RouteView(RouteId id, AccountId accountId, RouteDefinition definition) {
}
