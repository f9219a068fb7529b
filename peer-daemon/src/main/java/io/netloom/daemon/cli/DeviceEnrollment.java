package io.netloom.daemon.cli;

import io.netloom.daemon.DaemonVersion;
import io.netloom.daemon.management.DeviceInfo;
import io.netloom.daemon.management.Enrollment;
import io.netloom.daemon.management.EnrollmentClient;
import io.netloom.daemon.state.PrivateKeyFile;
import io.netloom.daemon.state.StateDirectory;
import io.netloom.daemon.state.StateFiles;
import io.netloom.daemon.sync.MapTrust;
import io.netloom.gateway.protocol.X25519Keys;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Optional;

/**
 * The device's key and enrollment: the key is created once and reused; the device enrolls when it
 * has no enrollment yet, or when a setup key is given again (e.g. for another management server).
 */
final class DeviceEnrollment {

    private static final String NOT_ENROLLED =
            "this device is not enrolled yet: give --management-url and --setup-key (or --setup-key-file)";

    private DeviceEnrollment() {
    }

    record Device(X25519Keys keys, Enrollment enrollment, boolean enrolledNow) {
    }

    static Device ensure(StateDirectory state, EnrollmentOptions options) throws IOException {
        state.create();
        X25519Keys keys = PrivateKeyFile.loadOrCreate(state.privateKey());
        Optional<Enrollment> saved = StateFiles.read(state.enrollment(), Enrollment.class);
        String setupKey = options.setupKey();
        if (setupKey == null) {
            Enrollment enrollment = saved.orElseThrow(() -> new CliException(NOT_ENROLLED));
            if (options.managementUrl != null && !sameServer(options.managementUrl, enrollment.managementUrl())) {
                throw new CliException("this device is enrolled with " + enrollment.managementUrl()
                        + "; give a setup key to enroll with " + options.managementUrl);
            }
            requireMapTrust(enrollment);
            return new Device(keys, enrollment, false);
        }
        URI managementUrl = options.managementUrl != null ? options.managementUrl
                : saved.map(enrollment -> URI.create(enrollment.managementUrl())).orElseThrow(
                        () -> new CliException("give --management-url to enroll this device"));
        Enrollment enrollment;
        try {
            enrollment = new EnrollmentClient(Clock.systemUTC()).enroll(managementUrl, setupKey,
                    keys.publicKeyBase64(), DeviceInfo.ofThisMachine(DaemonVersion.current()));
        } catch (EnrollmentClient.EnrollmentException e) {
            throw new CliException(e.getMessage());
        }
        requireMapTrust(enrollment);
        StateFiles.write(state.enrollment(), enrollment);
        return new Device(keys, enrollment, true);
    }

    /** A device that could not verify its maps would accept none: refused here, with what to do. */
    private static void requireMapTrust(Enrollment enrollment) {
        try {
            MapTrust.of(enrollment.configuration());
        } catch (IllegalArgumentException e) {
            throw new CliException("cannot use the enrollment with " + enrollment.managementUrl() + ": "
                    + e.getMessage());
        }
    }

    /**
     * What {@link #ensure} checks for a device that is not enrolling now, without reading the enrollment: it
     * exists, and the key file is there (created if missing, as {@code ensure} does) and private.
     */
    static void requireEnrolled(StateDirectory state) throws IOException {
        if (!Files.isRegularFile(state.enrollment())) {
            throw new CliException(NOT_ENROLLED);
        }
        PrivateKeyFile.loadOrCreate(state.privateKey());
    }

    private static boolean sameServer(URI given, String saved) {
        return given.toString().replaceAll("/+$", "").equals(saved.replaceAll("/+$", ""));
    }
}
