package io.netloom.daemon.cli;

import io.netloom.daemon.DaemonVersion;
import picocli.CommandLine.Command;

@Command(name = "version", description = "Print the version.")
final class VersionCommand implements Runnable {

    @Override
    public void run() {
        System.out.println(DaemonVersion.current());
    }
}
