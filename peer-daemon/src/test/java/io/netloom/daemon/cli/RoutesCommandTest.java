package io.netloom.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.daemon.control.ControlServer;
import io.netloom.daemon.control.RecordingRoutes;
import io.netloom.daemon.map.ServedRoute;
import io.netloom.daemon.status.DaemonStatus;
import io.netloom.daemon.status.RouteStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RoutesCommandTest {

    private static final DaemonStatus STATUS = new DaemonStatus("test", 4242L, null, null, "peer-1", "key",
            "100.64.0.1", "a.netloom.internal", "wt0", "kernel", 51820, 3L, null, List.of(), List.of());
    private static final RouteStatus OFFICE = new RouteStatus("office", "198.18.1.0/24", false, true, "r1", List.of(
            new RouteStatus.RoutingPeer("r1", "route-1", 100, "connected", 1.25),
            new RouteStatus.RoutingPeer("r2", "route-1", 200, "relayed", null)));
    private static final RouteStatus EXIT = new RouteStatus("exit", "0.0.0.0/0", true, false, null, List.of(
            new RouteStatus.RoutingPeer("e", "route-2", 100, "down", null)));

    @TempDir
    Path state;

    private final StringWriter errors = new StringWriter();
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final PrintStream standardOut = System.out;
    private final RecordingRoutes routes = new RecordingRoutes(List.of(OFFICE, EXIT));

    @AfterEach
    void restoreOut() {
        System.setOut(standardOut);
    }

    @Test
    void listWhenDaemonRunsThenEveryRouteWithItsRoutingPeersAndTheChosenOne() throws Exception {
        try (ControlServer server = listen()) {
            int exit = run("routes", "list", "--config", state.toString());

            assertThat(exit).isZero();
            assertThat(output()).contains("""
                      - ID: office
                        Network: 198.18.1.0/24
                        Status: selected, via r1
                        Routing peers:
                          * r1 (metric 100, connected, 1.250 ms)
                            r2 (metric 200, relayed)
                    """).contains("""
                      - ID: exit
                        Network: 0.0.0.0/0 (exit node)
                        Status: not selected (run `netloom routes select exit`)
                    """);
        }
    }

    @Test
    void selectWhenIdsOrAllGivenThenDaemonAskedAccordingly() throws Exception {
        try (ControlServer server = listen()) {
            assertThat(run("routes", "select", "exit", "--config", state.toString())).isZero();
            assertThat(run("routes", "deselect", "--all", "--config", state.toString())).isZero();

            assertThat(routes.choices).containsExactly("select exit", "deselect --all");
            assertThat(output()).contains("Selected exit\n").contains("Deselected all routes\n");
        }
    }

    @Test
    void selectWhenNetworkIdUnknownThenReadableErrorWithoutTrace() throws Exception {
        try (ControlServer server = listen()) {
            int exit = run("routes", "select", "ofice", "--config", state.toString());

            assertThat(exit).isEqualTo(1);
            assertThat(errors.toString()).isEqualTo(
                    "netloom: no route has network id ofice (see `netloom routes list`)" + System.lineSeparator());
            assertThat(routes.choices).isEmpty();
        }
    }

    @Test
    void selectWhenBothIdsAndAllOrNeitherThenUsageError() {
        assertThat(run("routes", "select", "office", "--all", "--config", state.toString())).isEqualTo(2);
        assertThat(run("routes", "deselect", "--config", state.toString())).isEqualTo(2);
        assertThat(errors.toString()).contains("mutually exclusive").contains("Missing required argument");
    }

    @Test
    void listWhenNoDaemonRunsThenExitCodeThreeAndHint() {
        int exit = run("routes", "list", "--config", state.toString());

        assertThat(exit).isEqualTo(StatusCommand.NOT_RUNNING);
        assertThat(errors.toString()).contains("the daemon is not running").contains("netloom up");
    }

    @Test
    void statusDetailWhenRoutesUsedAndServedThenBothShown() {
        DaemonStatus status = new DaemonStatus("test", 4242L, null, null, "peer-1", "key", "100.64.0.1",
                "a.netloom.internal", "wt0", "kernel", 51820, 3L, null, List.of(), List.of(), List.of(OFFICE, EXIT),
                List.of(new ServedRoute("route-9", "site-b", "198.18.9.0/24", false)), null);

        String text = new StatusView(status).render(true);

        assertThat(text).contains("Routes used: \n  office 198.18.1.0/24: via r1\n"
                + "  exit 0.0.0.0/0: not selected (run `netloom routes select exit`)\n")
                .contains("Routes served: site-b 198.18.9.0/24\n");
        assertThat(new StatusView(status).render(false)).doesNotContain("Routes used");
    }

    private ControlServer listen() throws Exception {
        return ControlServer.start(state.resolve("daemon.sock"), () -> STATUS, () -> { }, routes);
    }

    private String output() {
        return output.toString(StandardCharsets.UTF_8);
    }

    private int run(String... arguments) {
        System.setOut(new PrintStream(output, true, StandardCharsets.UTF_8));
        CommandLine commandLine = NetloomCommand.commandLine();
        commandLine.setErr(new PrintWriter(errors, true));
        return commandLine.execute(arguments);
    }
}
