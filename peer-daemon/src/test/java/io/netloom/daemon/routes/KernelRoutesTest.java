package io.netloom.daemon.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.daemon.link.Commands;
import io.netloom.daemon.link.RootTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Applies route plans in a network namespace of its own: a veth "LAN" with a default route, and a veth standing
 * in for the WireGuard interface (routes only need a device that is up).
 */
class KernelRoutesTest {

    private static final String NAMESPACE = "nlt-routes";
    private static final String DEVICE = "nlt-wg0";
    private static final KernelRoutes.Ip IN_NAMESPACE = argv -> {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", NAMESPACE));
        full.addAll(argv);
        return Commands.execute(full, null, Commands.DEFAULT_TIMEOUT);
    };

    @BeforeAll
    static void requireRoot() {
        RootTools.assumeRootWith("ip");
    }

    @BeforeEach
    void createNamespace() throws IOException {
        deleteNamespace();
        Commands.run("ip", "netns", "add", NAMESPACE);
        in("ip", "link", "set", "lo", "up");
        in("ip", "link", "add", "lan0", "type", "veth", "peer", "name", "lan0p");
        in("ip", "link", "set", "lan0p", "up");
        in("ip", "address", "add", "192.168.77.5/24", "dev", "lan0");
        in("ip", "link", "set", "lan0", "up");
        in("ip", "route", "add", "default", "via", "192.168.77.1", "dev", "lan0");
        in("ip", "link", "add", DEVICE, "type", "veth", "peer", "name", DEVICE + "p");
        in("ip", "link", "set", DEVICE + "p", "up");
        in("ip", "address", "add", "100.64.0.7/10", "dev", DEVICE);
        in("ip", "link", "set", DEVICE, "up");
    }

    @AfterEach
    void deleteNamespace() throws IOException {
        if (Files.exists(Path.of("/run/netns", NAMESPACE))) {
            Commands.run("ip", "netns", "del", NAMESPACE);
        }
    }

    private static String in(String... argv) throws IOException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", NAMESPACE));
        full.addAll(List.of(argv));
        return Commands.run(full.toArray(String[]::new));
    }

    private static RoutePlan plan(Set<String> networks) {
        return new RoutePlan(DEVICE, RoutePlan.DEFAULT_TABLE, Set.of("192.0.2.10/32"), Set.of(51820),
                Set.of("192.168.77.5"), networks);
    }

    private static String deviceFor(String... routeGet) throws IOException {
        List<String> argv = new ArrayList<>(List.of("ip", "route", "get"));
        argv.addAll(List.of(routeGet));
        String route = in(argv.toArray(String[]::new));
        return route.contains(" dev " + DEVICE + " ") ? DEVICE : route.contains(" dev lan0 ") ? "lan0" : route;
    }

    @Test
    void applyWhenExitNodeAndSubnetThenOnlyTheirTrafficEntersTheTunnelAndControlTrafficStaysDirect()
            throws IOException {
        KernelRoutes routes = new KernelRoutes(IN_NAMESPACE);

        routes.apply(plan(Set.of("0.0.0.0/0", "198.18.1.0/24")));

        assertThat(in("ip", "route", "show", "table", "7120"))
                .contains("default dev " + DEVICE).contains("198.18.1.0/24 dev " + DEVICE);
        assertThat(in("ip", "rule", "show")).contains("7110:\tfrom all to 192.0.2.10 lookup main")
                .contains("7111:\tfrom all lookup main suppress_prefixlength 0")
                .contains("7112:\tfrom all lookup 7120");
        assertThat(deviceFor("198.18.1.7")).isEqualTo(DEVICE);
        assertThat(deviceFor("203.0.113.80")).isEqualTo(DEVICE);
        assertThat(deviceFor("192.0.2.10")).isEqualTo("lan0");
        assertThat(deviceFor("192.168.77.20")).isEqualTo("lan0");
        assertThat(deviceFor("203.0.113.80", "ipproto", "udp", "sport", "51820")).isEqualTo("lan0");
        assertThat(deviceFor("203.0.113.80", "from", "192.168.77.5")).isEqualTo("lan0");
    }

    @Test
    void applyWhenNetworkNoLongerUsedThenItsRouteGoesAtOnceAndTheOthersStay() throws IOException {
        KernelRoutes routes = new KernelRoutes(IN_NAMESPACE);
        routes.apply(plan(Set.of("198.18.1.0/24", "198.18.2.0/24")));

        routes.apply(plan(Set.of("198.18.2.0/24")));

        assertThat(in("ip", "route", "show", "table", "7120")).doesNotContain("198.18.1.0/24")
                .contains("198.18.2.0/24 dev " + DEVICE);
        assertThat(deviceFor("198.18.1.7")).isEqualTo("lan0");
    }

    @Test
    void clearWhenDaemonStopsThenNoRuleOrRouteOfNetloomRemains() throws IOException {
        KernelRoutes routes = new KernelRoutes(IN_NAMESPACE);
        routes.apply(plan(Set.of("0.0.0.0/0")));

        routes.clear();

        assertThat(in("ip", "rule", "show")).doesNotContain("711");
        assertThat(in("ip", "route", "show", "table", "all")).doesNotContain("table 7120");
        assertThat(deviceFor("203.0.113.80")).isEqualTo("lan0");
    }

    @Test
    void removeLeftoversWhenAKilledDaemonLeftRulesAndRoutesThenAllAreRemoved() throws IOException {
        new KernelRoutes(IN_NAMESPACE).apply(plan(Set.of("0.0.0.0/0", "198.18.1.0/24")));

        KernelRoutes.removeLeftovers(IN_NAMESPACE, RoutePlan.DEFAULT_TABLE);
        KernelRoutes.removeLeftovers(IN_NAMESPACE, RoutePlan.DEFAULT_TABLE);

        assertThat(in("ip", "rule", "show")).doesNotContain("711");
        assertThat(in("ip", "route", "show", "table", "all")).doesNotContain("table 7120");
    }
}
