package io.netloom.daemon.cli;

import io.netloom.daemon.DaemonSettings;
import io.netloom.daemon.state.StateDirectory;
import io.netloom.daemon.state.StateFiles;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "login", description = "Sign in (in a browser, or with a code: --no-browser) and enroll this device as "
        + "your peer, or enroll it with a setup key; the tunnels are not brought up.")
final class LoginCommand implements Callable<Integer> {

    @Mixin
    StateOption stateOption;

    @Mixin
    EnrollmentOptions enrollment;

    @Mixin
    SignInOptions signIn;

    @Override
    public Integer call() throws Exception {
        StateDirectory state = stateOption.state();
        DaemonSettings saved = StateFiles.read(state.settings(), DaemonSettings.class).orElse(DaemonSettings.DEFAULTS);
        List<String> extraDnsLabels = enrollment.extraDnsLabelsOver(saved);
        DeviceEnrollment.Device device = DeviceEnrollment.ensure(state, enrollment, signIn, true, extraDnsLabels);
        // Kept like up's options, so that the daemon asks for the same labels at every sign-in at the gateway.
        StateFiles.write(state.settings(), saved.withExtraDnsLabels(extraDnsLabels));
        var configuration = device.enrollment().configuration();
        System.out.println("Enrolled as " + configuration.fqdn() + " (" + configuration.overlayIp() + "), peer "
                + configuration.peerId() + (configuration.approvalRequired() ? "; waiting for an admin's approval" : ""));
        return 0;
    }
}
