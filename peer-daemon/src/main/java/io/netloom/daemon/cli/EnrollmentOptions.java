package io.netloom.daemon.cli;

import io.netloom.daemon.DaemonSettings;
import io.netloom.daemon.ExtraDnsLabelNames;
import io.netloom.tls.CertificateFingerprint;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** How to reach the management server and prove the right to join: shared by {@code up} and {@code login}. */
final class EnrollmentOptions {

    @Option(names = {"-m", "--management-url"}, paramLabel = "URL",
            description = "Management server, e.g. https://203.0.113.1:8080. Needed only to enroll.")
    URI managementUrl;

    @Option(names = "--server-fingerprint", paramLabel = "SHA256", converter = FingerprintConverter.class,
            description = "SHA-256 fingerprint of the server's certificate, as the server wrote it to "
                    + "<data-dir>/server-fingerprint: the one certificate this device accepts from the server and its "
                    + "gateway (kept for later `up`s). Without it, the Java runtime's certificate authorities and "
                    + "the host name decide, as for a CA-issued certificate.")
    CertificateFingerprint serverFingerprint;

    @Option(names = "--allow-insecure-http",
            description = "Allow an http:// management URL and a ws:// gateway, for a server started with "
                    + "--netloom.insecure-http=true: the setup key and everything after it cross the network "
                    + "unencrypted. For labs only.")
    boolean allowInsecureHttp;

    @Option(names = "--extra-dns-labels", paramLabel = "LABELS", split = ",",
            description = "Extra DNS labels this peer also answers to in the account's DNS domain, comma-separated, at "
                    + "most " + ExtraDnsLabelNames.MAX_NAMES + ", e.g. --extra-dns-labels vpc1,mgmt1; "
                    + "--extra-dns-labels \"\" clears them. Sent at enrollment, login and every connection to the "
                    + "gateway; the setup key must allow them (allow_extra_dns_labels). Default: the last ones used.")
    List<String> extraDnsLabels;

    @ArgGroup(exclusive = true)
    SetupKeySource setupKey;

    static final class SetupKeySource {
        @Option(names = {"-k", "--setup-key"}, paramLabel = "KEY",
                description = "Setup key (visible in the process list: prefer --setup-key-file).")
        String value;

        @Option(names = "--setup-key-file", paramLabel = "FILE", description = "File holding the setup key.")
        Path file;
    }

    /** The labels given, else {@code saved}'s; a list of nothing but empty entries clears them. */
    List<String> extraDnsLabelsOver(DaemonSettings saved) {
        if (extraDnsLabels == null) {
            return saved.extraDnsLabels();
        }
        if (extraDnsLabels.stream().allMatch(String::isBlank)) {
            return List.of();
        }
        try {
            return ExtraDnsLabelNames.normalized(extraDnsLabels);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage(), 2);
        }
    }

    /** The setup key, or null when none was given. */
    String setupKey() throws IOException {
        if (setupKey == null) {
            return null;
        }
        String key = setupKey.value != null ? setupKey.value : Files.readString(setupKey.file).trim();
        if (key.isBlank()) {
            throw new CliException("the setup key is empty");
        }
        return key;
    }
}
