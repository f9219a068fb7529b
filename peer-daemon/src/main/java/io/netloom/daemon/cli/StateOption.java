package io.netloom.daemon.cli;

import io.netloom.daemon.state.StateDirectory;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --config}: the state directory every command works on. */
final class StateOption {

    @Option(names = {"-c", "--config"}, paramLabel = "DIR",
            description = "State directory: key, enrollment, control socket, log (default: ${DEFAULT-VALUE}).",
            defaultValue = "/var/lib/netloom")
    Path directory;

    StateDirectory state() {
        return new StateDirectory(directory);
    }
}
