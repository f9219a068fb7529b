package io.netloom.daemon.cli;

import io.netloom.daemon.DaemonSettings;
import io.netloom.daemon.PeerDaemon;
import io.netloom.daemon.control.ControlClient;
import io.netloom.daemon.state.StateDirectory;
import io.netloom.daemon.state.StateFiles;
import io.netloom.daemon.status.DaemonStatus;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "up", description = "Enroll if needed (with a setup key, or by signing in), then start the daemon and "
        + "join the mesh.")
final class UpCommand implements Callable<Integer> {

    private static final long START_TIMEOUT_NANOS = 30_000_000_000L;

    @Mixin
    StateOption stateOption;

    @Mixin
    EnrollmentOptions enrollment;

    @Mixin
    SignInOptions signIn;

    @Option(names = "--interface-name", paramLabel = "NAME", description = "WireGuard interface (default: wt0, or the last one used).")
    String interfaceName;

    @Option(names = "--wireguard-port", paramLabel = "PORT", description = "WireGuard UDP port (default: 51820, or the last one used).")
    Integer wireGuardPort;

    @Option(names = "--data-path", paramLabel = "nftables|proxy", converter = DataPathChoiceConverter.class,
            description = "What carries WireGuard's packets on paths from this device's own sockets (direct ones, "
                    + "and relayed ones through the other peer's relay): nftables steers them in the kernel, proxy "
                    + "sends them through the daemon (slower; for hosts whose nftables cannot rewrite ports). "
                    + "A relay of this device's own always goes through the daemon. Default: nftables, or the last "
                    + "one used.")
    DaemonSettings.DataPathChoice dataPath;

    @Option(names = "--relay-ca", paramLabel = "FILE",
            description = "PEM file of a CA that a TLS relay's (turns:) certificate may chain to besides the system's "
                    + "public CAs: for a relay with a private CA. Default: none, or the last one used.")
    File relayCa;

    @Option(names = {"-F", "--foreground"}, description = "Run the daemon in this process instead of in the background.")
    boolean foreground;

    @Override
    public Integer call() throws Exception {
        StateDirectory state = stateOption.state();
        ControlClient control = new ControlClient(state.controlSocket());
        if (control.isDaemonRunning()) {
            System.out.println("Netloom is already running; `netloom down` first to change its settings.");
            return 0;
        }
        if (foreground) {
            DaemonSettings settings = settings(state);
            DeviceEnrollment.Device device = DeviceEnrollment.ensure(state, enrollment, signIn, false,
                    settings.extraDnsLabels());
            StateFiles.write(state.settings(), settings);
            DaemonLogging.configure();
            new PeerDaemon(state, device.keys(), device.enrollment(), settings).run();
            return 0;
        }
        // Enrolling needs this process (its errors are the user's to see); a plain `up` of an enrolled device
        // checks only what needs no JSON and leaves reading the state and merging the settings to the daemon,
        // which then starts about half a second sooner (the first use of Jackson).
        // A refused option is reported before anything is enrolled or started.
        List<String> settingOptions = validatedSettingOptions();
        if (enrollment.setupKey != null || enrollment.managementUrl != null || enrollment.serverFingerprint != null) {
            // Without a setup key, a device that is not enrolled yet signs its person in first.
            DeviceEnrollment.ensure(state, enrollment, signIn, false, settings(state).extraDnsLabels());
        } else {
            DeviceEnrollment.requireEnrolled(state);
        }
        Process daemon = startInBackground(state, settingOptions);
        return awaitConnected(state, control, daemon);
    }

    private DaemonSettings settings(StateDirectory state) throws IOException {
        return givenOver(StateFiles.read(state.settings(), DaemonSettings.class).orElse(DaemonSettings.DEFAULTS));
    }

    /** The settings given as options, the rest from {@code base}; a refused value is a usage error. */
    private DaemonSettings givenOver(DaemonSettings base) {
        try {
            return new DaemonSettings(interfaceName != null ? interfaceName : base.interfaceName(),
                    wireGuardPort != null ? wireGuardPort : base.wireGuardPort(),
                    dataPath != null ? dataPath : base.dataPath(),
                    relayCa != null ? relayCa.getAbsolutePath() : base.relayCaFile(),
                    enrollment.extraDnsLabelsOver(base));
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage(), 2);
        }
    }

    /** The setting options given, for the daemon's command line, after the checks the daemon would make. */
    private List<String> validatedSettingOptions() {
        givenOver(DaemonSettings.DEFAULTS);
        List<String> options = new ArrayList<>();
        if (interfaceName != null) {
            options.addAll(List.of("--interface-name", interfaceName));
        }
        if (wireGuardPort != null) {
            options.addAll(List.of("--wireguard-port", wireGuardPort.toString()));
        }
        if (dataPath != null) {
            options.addAll(List.of("--data-path", dataPath.name().toLowerCase(Locale.ROOT)));
        }
        if (relayCa != null) {
            options.addAll(List.of("--relay-ca", relayCa.getAbsolutePath()));
        }
        if (enrollment.extraDnsLabels != null) {
            // "" (none) as its own argument clears them in the daemon too.
            options.addAll(List.of("--extra-dns-labels",
                    String.join(",", enrollment.extraDnsLabelsOver(DaemonSettings.DEFAULTS))));
        }
        return options;
    }

    /** The same jar, in its own session so it outlives this command and the terminal it ran in. */
    private static Process startInBackground(StateDirectory state, List<String> settingOptions) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        String classPath = System.getProperty("java.class.path");
        boolean singleJar = classPath.endsWith(".jar") && !classPath.contains(File.pathSeparator);
        List<String> command = new ArrayList<>(List.of("setsid", java));
        command.addAll(DaemonJvm.options(ManagementFactory.getRuntimeMXBean().getInputArguments(),
                singleJar ? ClassArchives.forJar(state, classPath) : null));
        if (singleJar) {
            command.addAll(List.of("-jar", classPath));
        } else {
            command.addAll(List.of("-cp", classPath, NetloomCommand.class.getName()));
        }
        command.addAll(List.of("up", "--foreground", "--config", state.root().toString()));
        command.addAll(settingOptions);
        return new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(state.log().toFile()))
                .redirectErrorStream(true)
                .start();
    }

    private static int awaitConnected(StateDirectory state, ControlClient control, Process daemon)
            throws InterruptedException, IOException {
        long deadline = System.nanoTime() + START_TIMEOUT_NANOS;
        while (System.nanoTime() < deadline) {
            if (!daemon.isAlive()) {
                throw new CliException("the daemon stopped at start-up:\n" + tail(state));
            }
            if (control.isDaemonRunning()) {
                DaemonStatus status = control.status();
                if ("connected".equals(status.gateway().state())) {
                    System.out.println("Connected: " + status.fqdn() + " (" + status.overlayIp() + ") on "
                            + status.interfaceName());
                    return 0;
                }
            }
            Thread.sleep(100);
        }
        System.out.println("The daemon runs but has not reached the gateway yet; see `netloom status -d` and "
                + state.log());
        return 0;
    }

    private static String tail(StateDirectory state) throws IOException {
        if (!Files.exists(state.log())) {
            return "(no log)";
        }
        List<String> lines = Files.readAllLines(state.log());
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    }
}
