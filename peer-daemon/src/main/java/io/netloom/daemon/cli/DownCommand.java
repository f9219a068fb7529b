package io.netloom.daemon.cli;

import io.netloom.daemon.control.ControlClient;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "down", description = "Stop the daemon: remove the interface, its tunnels and its firewall.")
final class DownCommand implements Callable<Integer> {

    @Mixin
    StateOption stateOption;

    @Override
    public Integer call() throws IOException, InterruptedException {
        ControlClient control = new ControlClient(stateOption.state().controlSocket());
        if (!control.isDaemonRunning()) {
            System.out.println("Netloom is not running.");
            return 0;
        }
        Optional<ProcessHandle> daemon = ProcessHandle.of(control.status().pid());
        control.down();
        long deadline = System.nanoTime() + 20_000_000_000L;
        // The socket goes once the interface and firewall are gone; the process a moment later (after writing
        // its class archive, the first time): a `netloom up` right after must not compete with it.
        while ((Files.exists(stateOption.state().controlSocket()) || daemon.map(ProcessHandle::isAlive).orElse(false))
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        if (Files.exists(stateOption.state().controlSocket())) {
            throw new CliException("the daemon did not finish stopping within 20 s; see " + stateOption.state().log());
        }
        System.out.println("Disconnected");
        return 0;
    }
}
