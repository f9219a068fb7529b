package io.netloom.domain.route;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.RouteId;
import org.axonframework.serialization.Revision;

@Revision("1")
public record RouteDeletedEvent(RouteId routeId, AccountId accountId) {
}
