package io.netloom.daemon.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.daemon.map.RouteEntry;
import io.netloom.daemon.map.RouteKey;
import io.netloom.testsupport.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteSelectionTest {

    private static final RouteKey OFFICE = new RouteKey("office", "198.18.1.0/24");
    private static final RoutingPeerLink DIRECT = new RoutingPeerLink(true, false, null);
    private static final RoutingPeerLink RELAYED = new RoutingPeerLink(true, true, null);

    private final MovableClock clock = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final RouteSelection selection = new RouteSelection(clock);
    private final RouteEntry r1 = office("r1", 100);
    private final RouteEntry r2 = office("r2", 200);
    private final List<RouteEntry> both = List.of(r1, r2);
    private final Map<String, RoutingPeerLink> links = new HashMap<>(Map.of("r1", DIRECT, "r2", DIRECT));

    private static RouteEntry office(String peer, int metric) {
        return new RouteEntry("route-" + peer, "office", "198.18.1.0/24", peer, metric, false);
    }

    private String chosen() {
        return selection.select(both, links).get(OFFICE).peer();
    }

    @Test
    void selectWhenAllUsableThenLowerMetricWins() {
        assertThat(chosen()).isEqualTo("r1");
    }

    @Test
    void selectWhenChosenPeerGoesDownThenNextOneAtOnce() {
        assertThat(chosen()).isEqualTo("r1");

        links.put("r1", RoutingPeerLink.DOWN);

        assertThat(chosen()).isEqualTo("r2");
    }

    @Test
    void selectWhenChosenPeerLeavesTheMapThenNextOneAtOnce() {
        assertThat(chosen()).isEqualTo("r1");

        assertThat(selection.select(List.of(r2), Map.of("r2", DIRECT)).get(OFFICE).peer()).isEqualTo("r2");
    }

    @Test
    void selectWhenBetterPeerReturnsThenMovesBackOnlyAfterItStayedBetterForTheHold() {
        links.put("r1", RoutingPeerLink.DOWN);
        assertThat(chosen()).isEqualTo("r2");

        links.put("r1", DIRECT);
        assertThat(chosen()).isEqualTo("r2");
        clock.advance(RouteSelection.HOLD.minusMillis(1));
        assertThat(chosen()).isEqualTo("r2");
        clock.advance(Duration.ofMillis(1));

        assertThat(chosen()).isEqualTo("r1");
    }

    @Test
    void selectWhenReturningPeerFlapsThenHoldStartsAgainAndNoMoveHappens() {
        links.put("r1", RoutingPeerLink.DOWN);
        assertThat(chosen()).isEqualTo("r2");

        links.put("r1", DIRECT);
        chosen();
        clock.advance(Duration.ofSeconds(2));
        links.put("r1", RoutingPeerLink.DOWN);
        assertThat(chosen()).isEqualTo("r2");
        links.put("r1", DIRECT);
        chosen();
        clock.advance(Duration.ofSeconds(2));

        assertThat(chosen()).isEqualTo("r2");
    }

    @Test
    void selectWhenMetricsEqualThenDirectBeatsRelayedThenLowerLatencyThenPeerId() {
        RouteEntry a = office("a", 100);
        RouteEntry b = office("b", 100);
        RouteEntry c = office("c", 100);
        List<RouteEntry> entries = List.of(a, b, c);

        assertThat(new RouteSelection(clock).select(entries, Map.of("a", RELAYED, "b", DIRECT, "c", DIRECT))
                .get(OFFICE)).isEqualTo(b);
        assertThat(new RouteSelection(clock).select(entries, Map.of("a", DIRECT,
                "b", new RoutingPeerLink(true, false, Duration.ofMillis(9)),
                "c", new RoutingPeerLink(true, false, Duration.ofMillis(3)))).get(OFFICE)).isEqualTo(c);
        assertThat(new RouteSelection(clock).select(entries, Map.of("a", DIRECT, "b", DIRECT, "c", DIRECT))
                .get(OFFICE)).isEqualTo(a);
    }

    @Test
    void selectWhenNoPeerUsableThenLowestMetricKeptSoTrafficNeverFallsBackToTheDefaultRoute() {
        links.put("r1", RoutingPeerLink.DOWN);
        links.put("r2", RoutingPeerLink.DOWN);

        assertThat(chosen()).isEqualTo("r1");
    }

    @Test
    void selectWhenRoutesDifferThenEachChosenOnItsOwn() {
        RouteEntry lab = new RouteEntry("route-lab", "lab", "198.18.2.0/24", "r2", 100, false);

        Map<RouteKey, RouteEntry> chosen = selection.select(List.of(r1, r2, lab), links);

        assertThat(chosen).containsEntry(OFFICE, r1).containsEntry(lab.key(), lab).hasSize(2);
    }
}
