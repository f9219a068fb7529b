package io.netloom.projections.directory;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.ids.RouteId;
import io.netloom.domain.route.RouteCreatedEvent;
import io.netloom.domain.route.RouteDefinition;
import io.netloom.domain.route.RouteDeletedEvent;
import io.netloom.domain.route.RoutePrefix;
import io.netloom.domain.route.RouteUpdatedEvent;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RouteRecordsTest {

    private static final RouteId ROUTE = new RouteId("route-1");
    private static final PeerId ROUTER = new PeerId("peer-router");
    private static final GroupId CLIENTS = new GroupId("group-clients");
    private static final GroupId FILTER = new GroupId("group-filter");

    private static RouteDefinition servedBy(PeerId peer, String cidr) {
        return new RouteDefinition("", "lan", true, peer, Set.of(), new RoutePrefix(cidr), 100, true,
                Set.of(CLIENTS), Set.of(FILTER), false, false);
    }

    @Test
    void routeCreatedWhenReplayedThenListedServedByItsPeerAndReferencingItsGroups() {
        TestEvents events = new TestEvents();

        events.projection().on(new RouteCreatedEvent(ROUTE, TestEvents.ACCOUNT, servedBy(ROUTER, "10.1.0.0/16")));

        assertThat(events.records().routes()).extracting(RouteView::id).containsExactly(ROUTE);
        assertThat(events.records().routesServedBy(ROUTER)).extracting(RouteView::id).containsExactly(ROUTE);
        assertThat(events.records().referencesTo(CLIENTS)).containsExactly("route \"lan\"");
        assertThat(events.records().referencesTo(FILTER)).containsExactly("route \"lan\"");
    }

    @Test
    void routeUpdatedWhenAnotherPeerThenNoLongerServedByTheFirst() {
        TestEvents events = new TestEvents();
        PeerId other = new PeerId("peer-other");
        events.projection().on(new RouteCreatedEvent(ROUTE, TestEvents.ACCOUNT, servedBy(ROUTER, "10.1.0.0/16")));

        events.projection().on(new RouteUpdatedEvent(ROUTE, TestEvents.ACCOUNT, servedBy(other, "10.2.0.0/16")));

        assertThat(events.records().routesServedBy(ROUTER)).isEmpty();
        assertThat(events.records().route(ROUTE).orElseThrow().definition().network().cidr()).isEqualTo("10.2.0.0/16");
    }

    @Test
    void routeDeletedWhenReplayedThenGoneAndGroupsFree() {
        TestEvents events = new TestEvents();
        events.projection().on(new RouteCreatedEvent(ROUTE, TestEvents.ACCOUNT, servedBy(ROUTER, "10.1.0.0/16")));

        events.projection().on(new RouteDeletedEvent(ROUTE, TestEvents.ACCOUNT));

        assertThat(events.records().routes()).isEmpty();
        assertThat(events.records().routesServedBy(ROUTER)).isEmpty();
        assertThat(events.records().referencesTo(CLIENTS)).isEmpty();
    }
}
