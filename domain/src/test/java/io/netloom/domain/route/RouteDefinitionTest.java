package io.netloom.domain.route;

import static io.netloom.domain.Rejections.assertInvalid;
import static io.netloom.domain.route.TestRoutes.CLIENTS;
import static io.netloom.domain.route.TestRoutes.ROUTER;
import static io.netloom.domain.route.TestRoutes.ROUTERS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class RouteDefinitionTest {

    private static final RoutePrefix LAN = new RoutePrefix("10.1.0.0/16");

    @Test
    void newWhenDescriptionAbsentAndNetworkIdPaddedThenNormalised() {
        RouteDefinition route = new RouteDefinition(null, " office ", true, null, Set.of(ROUTERS), LAN, 1, false,
                Set.of(CLIENTS), null, false, false);

        assertThat(route.description()).isEmpty();
        assertThat(route.networkId()).isEqualTo("office");
        assertThat(route.accessControlGroups()).isEmpty();
        assertThat(route.references(ROUTERS)).isTrue();
    }

    @Test
    void newWhenBothOrNeitherRoutingPeerKindThenRejected() {
        String message = "a route needs exactly one of peer and peer_groups";
        assertInvalid(() -> new RouteDefinition("", "n", true, ROUTER, Set.of(ROUTERS), LAN, 1, false,
                Set.of(CLIENTS), Set.of(), false, false), message);
        assertInvalid(() -> new RouteDefinition("", "n", true, null, Set.of(), LAN, 1, false,
                Set.of(CLIENTS), Set.of(), false, false), message);
    }

    @Test
    void newWhenMetricOutOfRangeThenRejected() {
        for (int metric : new int[] {0, -1, 10000}) {
            assertInvalid(() -> new RouteDefinition("", "n", true, ROUTER, Set.of(), LAN, metric, false,
                    Set.of(CLIENTS), Set.of(), false, false), "metric must be between 1 and 9999, lower wins");
        }
    }

    @Test
    void newWhenNetworkIdEmptyOrLongerThanFortyThenRejected() {
        for (String networkId : new String[] {"", "  ", "x".repeat(41)}) {
            assertInvalid(() -> new RouteDefinition("", networkId, true, ROUTER, Set.of(), LAN, 1, false,
                    Set.of(CLIENTS), Set.of(), false, false), "network_id must be 1 to 40 characters");
        }
        assertThat(new RouteDefinition("", "x".repeat(40), true, ROUTER, Set.of(), LAN, 1, false,
                Set.of(CLIENTS), Set.of(), false, false).networkId()).hasSize(40);
    }

    @Test
    void newWhenNoGroupsOrDescriptionTooLongThenRejected() {
        assertInvalid(() -> new RouteDefinition("", "n", true, ROUTER, Set.of(), LAN, 1, false,
                Set.of(), Set.of(), false, false), "a route needs at least one group to distribute it to");
        assertInvalid(() -> new RouteDefinition("d".repeat(1025), "n", true, ROUTER, Set.of(), LAN, 1, false,
                Set.of(CLIENTS), Set.of(), false, false), "route description must be at most 1024 characters");
    }
}
