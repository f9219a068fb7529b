package io.netloom.domain.route;

import static io.netloom.domain.Rejections.reason;
import static io.netloom.domain.TestData.ACCOUNT;
import static io.netloom.domain.TestData.OTHER_ACCOUNT;
import static io.netloom.domain.common.RejectionReason.INVALID_ARGUMENT;
import static io.netloom.domain.common.RejectionReason.NOT_FOUND;
import static io.netloom.domain.route.TestRoutes.OVERLAY;
import static io.netloom.domain.route.TestRoutes.ROUTE;
import static io.netloom.domain.route.TestRoutes.toLan;

import io.netloom.domain.common.CommandRejectedException;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RouteTest {

    private FixtureConfiguration<Route> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Route.class);
    }

    @Test
    void createRouteWhenValidThenCreated() {
        fixture.givenNoPriorActivity()
                .when(new CreateRouteCommand(ROUTE, ACCOUNT, toLan("10.1.0.0/16"), OVERLAY))
                .expectEvents(new RouteCreatedEvent(ROUTE, ACCOUNT, toLan("10.1.0.0/16")));
    }

    @Test
    void createRouteWhenPrefixOverlapsOverlayThenRejected() {
        fixture.givenNoPriorActivity()
                .when(new CreateRouteCommand(ROUTE, ACCOUNT, toLan("100.64.1.0/24"), OVERLAY))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("network 100.64.1.0/24 overlaps the account's overlay network 100.64.0.0/10")
                .expectException(reason(INVALID_ARGUMENT));
    }

    @Test
    void createRouteWhenPrefixCoversOverlayThenRejected() {
        fixture.givenNoPriorActivity()
                .when(new CreateRouteCommand(ROUTE, ACCOUNT, toLan("96.0.0.0/4"), OVERLAY))
                .expectException(reason(INVALID_ARGUMENT));
    }

    @Test
    void createRouteWhenDefaultRouteThenCreatedAsExitNode() {
        fixture.givenNoPriorActivity()
                .when(new CreateRouteCommand(ROUTE, ACCOUNT, toLan("0.0.0.0/0"), OVERLAY))
                .expectEvents(new RouteCreatedEvent(ROUTE, ACCOUNT, toLan("0.0.0.0/0")));
    }

    @Test
    void updateRouteWhenChangedThenUpdated() {
        fixture.given(new RouteCreatedEvent(ROUTE, ACCOUNT, toLan("10.1.0.0/16")))
                .when(new UpdateRouteCommand(ROUTE, ACCOUNT, toLan("10.2.0.0/16"), OVERLAY))
                .expectEvents(new RouteUpdatedEvent(ROUTE, ACCOUNT, toLan("10.2.0.0/16")));
    }

    @Test
    void updateRouteWhenUnchangedThenNoEvent() {
        fixture.given(new RouteCreatedEvent(ROUTE, ACCOUNT, toLan("10.1.0.0/16")))
                .when(new UpdateRouteCommand(ROUTE, ACCOUNT, toLan("10.1.0.0/16"), OVERLAY))
                .expectNoEvents();
    }

    @Test
    void updateRouteWhenIntoOverlayThenRejected() {
        fixture.given(new RouteCreatedEvent(ROUTE, ACCOUNT, toLan("10.1.0.0/16")))
                .when(new UpdateRouteCommand(ROUTE, ACCOUNT, toLan("100.64.0.7/32"), OVERLAY))
                .expectException(reason(INVALID_ARGUMENT));
    }

    @Test
    void updateRouteWhenOtherAccountThenNotFound() {
        fixture.given(new RouteCreatedEvent(ROUTE, ACCOUNT, toLan("10.1.0.0/16")))
                .when(new UpdateRouteCommand(ROUTE, OTHER_ACCOUNT, toLan("10.2.0.0/16"), OVERLAY))
                .expectException(reason(NOT_FOUND));
    }

    @Test
    void deleteRouteWhenOtherAccountThenNotFound() {
        fixture.given(new RouteCreatedEvent(ROUTE, ACCOUNT, toLan("10.1.0.0/16")))
                .when(new DeleteRouteCommand(ROUTE, OTHER_ACCOUNT))
                .expectException(reason(NOT_FOUND));
    }

    @Test
    void deleteRouteWhenExistsThenDeletedAndGoneAfterwards() {
        fixture.given(new RouteCreatedEvent(ROUTE, ACCOUNT, toLan("10.1.0.0/16")))
                .when(new DeleteRouteCommand(ROUTE, ACCOUNT))
                .expectEvents(new RouteDeletedEvent(ROUTE, ACCOUNT));
        fixture.given(new RouteCreatedEvent(ROUTE, ACCOUNT, toLan("10.1.0.0/16")), new RouteDeletedEvent(ROUTE, ACCOUNT))
                .when(new DeleteRouteCommand(ROUTE, ACCOUNT))
                .expectException(AggregateDeletedException.class);
    }
}
