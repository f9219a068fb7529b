package io.netloom.daemon.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.daemon.ice.ConnectionStatus;
import io.netloom.daemon.ice.ConnectionType;
import io.netloom.daemon.ice.DataPath;
import io.netloom.daemon.map.RouteEntry;
import io.netloom.daemon.map.RouteKey;
import io.netloom.testsupport.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutingPeerLivenessTest {

    private static final Duration PROBE_INTERVAL = Duration.ofSeconds(2);
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final RouteKey OFFICE = new RouteKey("office", "198.18.1.0/24");

    private final RoutingPeerLiveness liveness = new RoutingPeerLiveness(PROBE_INTERVAL);
    private final MovableClock clock = new MovableClock(START);

    private static ConnectionStatus connected(Instant lastReceived) {
        return new ConnectionStatus("connected", ConnectionType.P2P, "host", "192.0.2.1:40000", "host",
                "192.0.2.2:40000", Duration.ofMillis(3), null, START, null, DataPath.KERNEL, lastReceived,
                null, null, List.of());
    }

    private static ConnectionStatus inState(String state) {
        return new ConnectionStatus(state, null, null, null, null, null, null, null, START, null, null, null, null, null, List.of());
    }

    private static RouteEntry office(String peer, int metric) {
        return new RouteEntry("route-" + peer, "office", "198.18.1.0/24", peer, metric, false);
    }

    @Test
    void silenceLimitWhenProbingEveryTwoSecondsThenSixSeconds() {
        assertThat(liveness.silenceLimit()).isEqualTo(Duration.ofSeconds(6));
    }

    @Test
    void linkWhenHeardWithinTheLimitThenUsable() {
        RoutingPeerLink link = liveness.link(true, connected(START), false, START.plusSeconds(6));

        assertThat(link.usable()).isTrue();
        assertThat(link.latency()).isEqualTo(Duration.ofMillis(3));
    }

    @Test
    void linkWhenConnectedPathSilentLongerThanTheLimitThenUnusable() {
        RoutingPeerLink link = liveness.link(true, connected(START), false, START.plusSeconds(6).plusMillis(1));

        assertThat(link.usable()).isFalse();
    }

    @Test
    void linkWhenSilentPathHearsAgainThenUsableAgain() {
        assertThat(liveness.link(true, connected(START), false, START.plusSeconds(20)).usable()).isFalse();

        assertThat(liveness.link(true, connected(START.plusSeconds(20)), false, START.plusSeconds(20)).usable())
                .isTrue();
    }

    @Test
    void linkWhenGatewaySaysDisconnectedThenUnusableEvenIfHeard() {
        assertThat(liveness.link(false, connected(START), false, START).usable()).isFalse();
    }

    @Test
    void linkWhenAwaitingHandshakeAfterComingBackThenUnusable() {
        assertThat(liveness.link(true, connected(START), true, START).usable()).isFalse();
    }

    @Test
    void linkWhenPathNotStartedThenTheGatewayFlagDecides() {
        assertThat(liveness.link(true, inState("idle"), false, START).usable()).isTrue();
        assertThat(liveness.link(true, null, false, START).usable()).isTrue();
        assertThat(liveness.link(false, null, false, START).usable()).isFalse();
    }

    @Test
    void linkWhenPathReconnectingOrFailedThenUnusable() {
        assertThat(liveness.link(true, inState("connecting"), false, START).usable()).isFalse();
        assertThat(liveness.link(true, inState("failed"), false, START).usable()).isFalse();
    }

    @Test
    void selectWhenChosenRoutingPeerFallsSilentThenNextOneOnceTheLimitPassesAndBackOnlyAfterTheHold() {
        RouteSelection selection = new RouteSelection(clock);
        List<RouteEntry> entries = List.of(office("r1", 100), office("r2", 200));
        Instant r1Heard = clock.instant();
        assertThat(chosen(selection, entries, r1Heard)).isEqualTo("r1");

        clock.advance(liveness.silenceLimit());
        assertThat(chosen(selection, entries, r1Heard)).isEqualTo("r1");
        clock.advance(Duration.ofMillis(1));
        assertThat(chosen(selection, entries, r1Heard)).isEqualTo("r2");

        clock.advance(Duration.ofSeconds(30));
        assertThat(chosen(selection, entries, clock.instant())).isEqualTo("r2");
        clock.advance(RouteSelection.HOLD.minusMillis(1));
        assertThat(chosen(selection, entries, clock.instant())).isEqualTo("r2");
        clock.advance(Duration.ofMillis(1));
        assertThat(chosen(selection, entries, clock.instant())).isEqualTo("r1");
    }

    @Test
    void selectWhenSilentRoutingPeerWobblesBackForLessThanTheHoldThenNoMove() {
        RouteSelection selection = new RouteSelection(clock);
        List<RouteEntry> entries = List.of(office("r1", 100), office("r2", 200));
        Instant r1Heard = clock.instant();
        chosen(selection, entries, r1Heard);
        clock.advance(Duration.ofSeconds(7));
        assertThat(chosen(selection, entries, r1Heard)).isEqualTo("r2");

        clock.advance(Duration.ofSeconds(1));
        r1Heard = clock.instant();
        assertThat(chosen(selection, entries, r1Heard)).isEqualTo("r2");
        clock.advance(Duration.ofSeconds(2));
        assertThat(chosen(selection, entries, r1Heard)).isEqualTo("r2");
        clock.advance(Duration.ofSeconds(5));
        assertThat(chosen(selection, entries, r1Heard)).isEqualTo("r2");
    }

    /** r2 is always heard; r1 was last heard at {@code r1Heard}. */
    private String chosen(RouteSelection selection, List<RouteEntry> entries, Instant r1Heard) {
        Instant now = clock.instant();
        Map<String, RoutingPeerLink> links = Map.of(
                "r1", liveness.link(true, connected(r1Heard), false, now),
                "r2", liveness.link(true, connected(now), false, now));
        return selection.select(entries, links).get(OFFICE).peer();
    }
}
