package io.netloom.daemon.cli;

import io.netloom.daemon.DaemonVersion;
import io.netloom.daemon.login.SignIn;
import io.netloom.daemon.management.DeviceInfo;
import io.netloom.daemon.management.Enrollment;
import io.netloom.daemon.management.EnrollmentClient;
import io.netloom.daemon.state.PrivateKeyFile;
import io.netloom.daemon.state.StateDirectory;
import io.netloom.daemon.state.StateFiles;
import io.netloom.daemon.sync.MapTrust;
import io.netloom.gateway.protocol.X25519Keys;
import io.netloom.tls.CertificateFingerprint;
import io.netloom.tls.ServerTrust;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The device's key and enrollment: the key is created once and reused; the device enrolls when it
 * has no enrollment yet, when a setup key is given again (e.g. for another management server), or when a
 * person signs in again ({@code netloom login}), with the same key, so it stays the same peer.
 */
final class DeviceEnrollment {

    private static final String NOT_ENROLLED = "this device is not enrolled yet: give --management-url, and sign in "
            + "with `netloom login` (or give --setup-key / --setup-key-file)";

    private DeviceEnrollment() {
    }

    record Device(X25519Keys keys, Enrollment enrollment, boolean enrolledNow) {
    }

    /**
     * Enrolls with a setup key when one is given; without one the person signs in ({@code signIn} not null):
     * always when {@code signInAgain} (a {@code login}), else only on a device that is not enrolled yet. An
     * enrollment asks for {@code extraDnsLabels} (ADR 0046).
     */
    static Device ensure(StateDirectory state, EnrollmentOptions options, SignInOptions signIn, boolean signInAgain,
            List<String> extraDnsLabels) throws IOException {
        state.create();
        X25519Keys keys = PrivateKeyFile.loadOrCreate(state.privateKey());
        Optional<Enrollment> saved = StateFiles.read(state.enrollment(), Enrollment.class);
        String setupKey = options.setupKey();
        boolean signingIn = setupKey == null && signIn != null && (signInAgain || saved.isEmpty());
        if (setupKey == null && !signingIn) {
            Enrollment enrollment = saved.orElseThrow(() -> new CliException(NOT_ENROLLED));
            if (options.managementUrl != null && !sameServer(options.managementUrl, enrollment.managementUrl())) {
                throw new CliException("this device is enrolled with " + enrollment.managementUrl()
                        + "; give a setup key to enroll with " + options.managementUrl);
            }
            if (options.serverFingerprint != null && !enrollment.serverPin().equals(Optional.of(options.serverFingerprint))) {
                throw new CliException("this device enrolled trusting " + enrollment.serverPin()
                        .map(pin -> "the certificate with fingerprint " + pin).orElse("the certificate authorities")
                        + "; give a setup key to enroll again trusting " + options.serverFingerprint);
            }
            requireMapTrust(enrollment, state);
            return new Device(keys, enrollment, false);
        }
        URI managementUrl = options.managementUrl != null ? options.managementUrl
                : saved.map(enrollment -> URI.create(enrollment.managementUrl())).orElseThrow(
                        () -> new CliException("give --management-url to enroll this device"));
        requireEncrypted(managementUrl, options);
        // The pin of an earlier enrollment with the same server stays, unless another one is given.
        Optional<CertificateFingerprint> pin = Optional.ofNullable(options.serverFingerprint).or(() -> saved
                .filter(enrollment -> sameServer(managementUrl, enrollment.managementUrl()))
                .flatMap(Enrollment::serverPin));
        ServerTrust trust = ServerTrust.of(pin);
        SignIn person = signingIn
                ? PersonSignIn.signIn(state, managementUrl, trust, options.allowInsecureHttp, signIn) : null;
        EnrollmentClient.Credential credential = person != null
                ? new EnrollmentClient.Credential.AccessToken(person.accessToken())
                : new EnrollmentClient.Credential.SetupKey(setupKey);
        Enrollment enrollment;
        try {
            enrollment = new EnrollmentClient(trust, Clock.systemUTC()).enroll(managementUrl, credential,
                    keys.publicKeyBase64(), DeviceInfo.ofThisMachine(DaemonVersion.current()), extraDnsLabels);
        } catch (EnrollmentClient.EnrollmentException e) {
            throw new CliException(e.getMessage());
        }
        requireEncryptedGateway(enrollment, options);
        requireSignedMaps(enrollment);
        StateFiles.write(state.enrollment(), enrollment);
        if (person != null) {
            PersonSignIn.enrolledAs(state, person, enrollment.configuration().user());
        }
        // TURN credentials kept from an earlier enrollment (perhaps of another server or secret) give way to these.
        Files.deleteIfExists(state.turnCredentials());
        return new Device(keys, enrollment, true);
    }

    /** https://, or http:// only when the person said so: the setup key travels in this request. */
    private static void requireEncrypted(URI managementUrl, EnrollmentOptions options) {
        String scheme = String.valueOf(managementUrl.getScheme()).toLowerCase(Locale.ROOT);
        if (scheme.equals("http")) {
            if (!options.allowInsecureHttp) {
                throw new CliException("refusing " + managementUrl + ": over http:// the setup key or the sign-in's "
                        + "tokens, and the enrollment answer would cross the network unencrypted. Use https:// (the "
                        + "server speaks TLS unless started with --netloom.insecure-http=true), or pass "
                        + "--allow-insecure-http for such a server");
            }
            if (options.serverFingerprint != null) {
                throw new CliException("--server-fingerprint pins a TLS certificate, and " + managementUrl
                        + " has none: use https://", 2);
            }
        } else if (!scheme.equals("https") || managementUrl.getHost() == null) {
            throw new CliException("the management URL must look like https://host:port, not " + managementUrl, 2);
        }
    }

    /** A server reached over TLS that hands out a ws:// gateway would expose the map and signaling after all. */
    private static void requireEncryptedGateway(Enrollment enrollment, EnrollmentOptions options) {
        if (options.allowInsecureHttp) {
            return;
        }
        for (String gateway : enrollment.configuration().gateway().urls()) {
            if (!String.valueOf(gateway).toLowerCase(Locale.ROOT).startsWith("wss://")) {
                throw new CliException("the server told this device to sync over " + gateway + ", which is not "
                        + "encrypted; nothing was saved. Fix netloom.gateway.urls on the server, or pass "
                        + "--allow-insecure-http for a lab server");
            }
        }
    }

    /**
     * A saved enrollment from a server that did not sign maps yet: the daemon would accept no map, so it does not
     * start, and the person is told the one command that fixes it.
     */
    private static void requireMapTrust(Enrollment enrollment, StateDirectory state) {
        try {
            MapTrust.of(enrollment.configuration());
        } catch (IllegalArgumentException e) {
            boolean plainHttp = enrollment.managementUrl().toLowerCase(Locale.ROOT).startsWith("http://");
            throw new CliException("cannot use the enrollment in " + state.enrollment() + ": " + e.getMessage()
                    + ". Enroll again with a setup key of the same account: " + (plainHttp
                    ? "`netloom up --management-url https://<host:port> --server-fingerprint <fingerprint> --setup-key "
                            + "<key>` (the server that signs maps speaks TLS; its fingerprint is in its data directory's "
                            + "server-fingerprint file; this device enrolled with " + enrollment.managementUrl() + ")"
                    : "`netloom up --setup-key <key>` (or --setup-key-file <file>), which enrolls with "
                            + enrollment.managementUrl() + " again")
                    + ". The device keeps its WireGuard key, so it comes back as the same peer, with its address and "
                    + "name, unless that peer was deleted");
        }
    }

    /** An answer without a map-signing key is not saved: a daemon could verify no map with it. */
    private static void requireSignedMaps(Enrollment enrollment) {
        try {
            MapTrust.of(enrollment.configuration());
        } catch (IllegalArgumentException e) {
            throw new CliException("cannot use the answer of " + enrollment.managementUrl() + ": " + e.getMessage()
                    + "; nothing was saved. Update the server, then enroll again");
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
