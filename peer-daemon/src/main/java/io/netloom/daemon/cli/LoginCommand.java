package io.netloom.daemon.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "login", description = "Enroll this device with a setup key, without bringing the tunnels up.")
final class LoginCommand implements Callable<Integer> {

    @Mixin
    StateOption stateOption;

    @Mixin
    EnrollmentOptions enrollment;

    @Override
    public Integer call() throws Exception {
        if (enrollment.setupKey() == null) {
            throw new CliException("give --setup-key or --setup-key-file to log in");
        }
        DeviceEnrollment.Device device = DeviceEnrollment.ensure(stateOption.state(), enrollment);
        var configuration = device.enrollment().configuration();
        System.out.println("Enrolled as " + configuration.fqdn() + " (" + configuration.overlayIp() + "), peer "
                + configuration.peerId() + (configuration.approvalRequired() ? "; waiting for an admin's approval" : ""));
        return 0;
    }
}
