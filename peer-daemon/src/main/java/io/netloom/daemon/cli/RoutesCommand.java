package io.netloom.daemon.cli;

import io.netloom.daemon.control.ControlClient;
import io.netloom.daemon.status.RouteStatus;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code netloom routes}: the networks this device reaches through routing peers, like {@code netbird networks}. */
@Command(name = "routes", description = "List, select and deselect the networks reachable through routing peers.",
        subcommands = {RoutesCommand.ListRoutes.class, RoutesCommand.Select.class, RoutesCommand.Deselect.class})
final class RoutesCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    private static ControlClient running(StateOption stateOption) {
        ControlClient control = new ControlClient(stateOption.state().controlSocket());
        if (!control.isDaemonRunning()) {
            throw new CliException("the daemon is not running (no answer on " + stateOption.state().controlSocket()
                    + "); start it with `netloom up`", StatusCommand.NOT_RUNNING);
        }
        return control;
    }

    @Command(name = "list", description = "Show every route: its routing peers, the one in use, selected or not.")
    static final class ListRoutes implements Callable<Integer> {

        @Mixin
        StateOption stateOption;

        @Override
        public Integer call() throws IOException {
            System.out.print(RoutesView.list(running(stateOption).routes()));
            return 0;
        }
    }

    /** Network ids, or {@code --all}: exactly one of them. */
    static final class Targets {

        @Parameters(paramLabel = "NETWORK_ID", arity = "1..*", description = "The routes' network ids.")
        List<String> networkIds;

        @picocli.CommandLine.Option(names = "--all", required = true, description = "Every route of the map.")
        boolean all;
    }

    @Command(name = "select", description = "Use routes, exit nodes with skip_auto_apply included.")
    static final class Select implements Callable<Integer> {

        @Mixin
        StateOption stateOption;

        @ArgGroup(multiplicity = "1")
        Targets targets;

        @Override
        public Integer call() throws IOException {
            return choose(stateOption, true, targets);
        }
    }

    @Command(name = "deselect", description = "Stop using routes; the choice survives restarts.")
    static final class Deselect implements Callable<Integer> {

        @Mixin
        StateOption stateOption;

        @ArgGroup(multiplicity = "1")
        Targets targets;

        @Override
        public Integer call() throws IOException {
            return choose(stateOption, false, targets);
        }
    }

    private static int choose(StateOption stateOption, boolean select, Targets targets) throws IOException {
        List<String> ids = targets.networkIds == null ? List.of() : targets.networkIds;
        List<RouteStatus> routes;
        try {
            routes = running(stateOption).chooseRoutes(select, ids, targets.all);
        } catch (IOException e) {
            throw new CliException(e.getMessage().replaceFirst("^the daemon refused '[a-z_]+': ", ""));
        }
        System.out.println((select ? "Selected " : "Deselected ")
                + (targets.all ? "all routes" : String.join(", ", ids)));
        System.out.print(RoutesView.list(routes));
        return 0;
    }
}
