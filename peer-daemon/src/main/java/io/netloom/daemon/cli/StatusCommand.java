package io.netloom.daemon.cli;

import io.netloom.daemon.DaemonJson;
import io.netloom.daemon.control.ControlClient;
import io.netloom.daemon.login.SignIn;
import io.netloom.daemon.state.StateFiles;
import io.netloom.daemon.status.DaemonStatus;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "status", description = "Show the daemon's links to the control plane and the state of every peer.")
final class StatusCommand implements Callable<Integer> {

    /** Exit code when no daemon runs, so scripts can tell "down" from "broken". */
    static final int NOT_RUNNING = 3;

    @Mixin
    StateOption stateOption;

    @Option(names = "--json", description = "Print the full status as JSON.")
    boolean json;

    @Option(names = {"-d", "--detail"}, description = "Show every peer in detail.")
    boolean detail;

    @Override
    public Integer call() throws IOException {
        ControlClient control = new ControlClient(stateOption.state().controlSocket());
        Optional<SignIn> signIn = StateFiles.read(stateOption.state().login(), SignIn.class);
        if (!control.isDaemonRunning()) {
            // Who is signed in is known without the daemon; scripts still get the exit code for "down".
            signIn.ifPresent(login -> System.out.print(StatusView.login(login, Instant.now())));
            throw new CliException("the daemon is not running (no answer on " + stateOption.state().controlSocket()
                    + "); start it with `netloom up`", NOT_RUNNING);
        }
        DaemonStatus status = control.status();
        if (json) {
            System.out.println(DaemonJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(status));
        } else {
            System.out.print(new StatusView(status, signIn, Instant.now()).render(detail));
        }
        return 0;
    }
}
