package io.netloom.daemon.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netloom.daemon.link.CommandResult;
import io.netloom.daemon.map.RouteEntry;
import io.netloom.testsupport.MovableClock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientRoutesTest {

    private static final RoutingPeerLink UP = new RoutingPeerLink(true, false, null);

    @TempDir
    Path state;

    /** Every {@code ip} command, answered as a success: the kernel itself is KernelRoutesTest's. */
    private final List<String> commands = new ArrayList<>();
    private final KernelRoutes.Ip recording = argv -> {
        commands.add(String.join(" ", argv));
        return new CommandResult(argv, 0, "", "");
    };
    private final RouteEntry office1 = new RouteEntry("o", "office", "198.18.1.0/24", "r1", 100, false);
    private final RouteEntry office2 = new RouteEntry("o", "office", "198.18.1.0/24", "r2", 200, false);
    private final RouteEntry exit = new RouteEntry("e", "exit", "0.0.0.0/0", "r2", 100, true);

    private ClientRoutes clientRoutes() throws IOException {
        return new ClientRoutes(new RouteSelection(new MovableClock(Instant.EPOCH)), new KernelRoutes(recording),
                new RouteBypass(Set.of("192.0.2.10/32"), Set.of(51820), "wt0"), 7120,
                state.resolve("route-choices.json"));
    }

    @Test
    void selectWhenChosenPeerFailsThenNetworkMovesBetweenPeersAllowedIps() throws IOException {
        ClientRoutes routes = clientRoutes();
        List<RouteEntry> entries = List.of(office1, office2, exit);

        assertThat(routes.select(entries, Map.of("r1", UP, "r2", UP))).containsExactly("r1");
        assertThat(routes.networksVia("r1")).containsExactly("198.18.1.0/24");
        assertThat(routes.networksVia("r2")).isEmpty();

        assertThat(routes.select(entries, Map.of("r1", RoutingPeerLink.DOWN, "r2", UP)))
                .containsExactlyInAnyOrder("r1", "r2");
        assertThat(routes.networksVia("r1")).isEmpty();
        assertThat(routes.networksVia("r2")).containsExactly("198.18.1.0/24");
    }

    @Test
    void chooseWhenExitNodeSelectedThenUsedAndTheChoiceSurvivesARestart() throws IOException {
        ClientRoutes routes = clientRoutes();
        routes.choose(true, List.of("exit"), false, Set.of("office", "exit"));

        ClientRoutes restarted = clientRoutes();
        restarted.select(List.of(office1, exit), Map.of("r1", UP, "r2", UP));

        assertThat(restarted.networksVia("r2")).containsExactly("0.0.0.0/0");
        assertThat(restarted.status()).extracting(status -> status.networkId() + " " + status.chosenPeer())
                .containsExactly("office r1", "exit r2");
    }

    @Test
    void chooseWhenNetworkIdUnknownThenRefusedAndNothingChanges() throws IOException {
        ClientRoutes routes = clientRoutes();

        assertThatThrownBy(() -> routes.choose(false, List.of("office", "ofice"), false, Set.of("office")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no route has network id ofice (see `netloom routes list`)");
        routes.select(List.of(office1), Map.of("r1", UP));
        assertThat(routes.networksVia("r1")).containsExactly("198.18.1.0/24");
    }

    @Test
    void applyKernelWhenRouteDeselectedThenItsRouteAndAllRulesGoAtOnce() throws IOException {
        ClientRoutes routes = clientRoutes();
        routes.select(List.of(office1), Map.of("r1", UP));
        routes.applyKernel("wt0");
        assertThat(commands).contains("ip route replace 198.18.1.0/24 dev wt0 table 7120",
                "ip rule add lookup 7120 priority 7112");
        commands.clear();

        routes.choose(false, List.of(), true, Set.of("office"));
        assertThat(routes.select(List.of(office1), Map.of("r1", UP))).containsExactly("r1");
        routes.applyKernel("wt0");

        assertThat(commands).contains("ip rule del lookup 7120 priority 7112",
                "ip route del 198.18.1.0/24 dev wt0 table 7120");
        assertThat(routes.networksVia("r1")).isEmpty();
    }
}
