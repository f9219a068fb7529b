package io.netloom.daemon.cli;

import io.netloom.daemon.DaemonVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code netloom}: the device's command line, modelled on {@code netbird}. */
@Command(name = "netloom", mixinStandardHelpOptions = true, versionProvider = NetloomCommand.Version.class,
        description = "Netloom peer: joins this device to the mesh and shows how its tunnels stand.",
        subcommands = {UpCommand.class, DownCommand.class, StatusCommand.class, RoutesCommand.class, LoginCommand.class,
                VersionCommand.class})
public final class NetloomCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with Netloom's error handling: a readable message, never a stack trace. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new NetloomCommand());
        commandLine.setExecutionExceptionHandler((exception, line, parseResult) -> {
            line.getErr().println("netloom: " + messageOf(exception));
            return exception instanceof CliException cli ? cli.exitCode() : 1;
        });
        return commandLine;
    }

    private static String messageOf(Exception exception) {
        String message = exception.getMessage();
        return message == null || message.isBlank() ? exception.getClass().getSimpleName() : message;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"netloom " + DaemonVersion.current()};
        }
    }
}
