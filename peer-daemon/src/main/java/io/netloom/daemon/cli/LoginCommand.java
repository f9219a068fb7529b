package io.netloom.daemon.cli;

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
        DeviceEnrollment.Device device = DeviceEnrollment.ensure(stateOption.state(), enrollment, signIn, true);
        var configuration = device.enrollment().configuration();
        System.out.println("Enrolled as " + configuration.fqdn() + " (" + configuration.overlayIp() + "), peer "
                + configuration.peerId() + (configuration.approvalRequired() ? "; waiting for an admin's approval" : ""));
        return 0;
    }
}
