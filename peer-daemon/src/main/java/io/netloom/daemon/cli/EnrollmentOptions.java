package io.netloom.daemon.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** How to reach the management server and prove the right to join: shared by {@code up} and {@code login}. */
final class EnrollmentOptions {

    @Option(names = {"-m", "--management-url"}, paramLabel = "URL",
            description = "Management server, e.g. http://203.0.113.1:8080. Needed only to enroll.")
    URI managementUrl;

    @ArgGroup(exclusive = true)
    SetupKeySource setupKey;

    static final class SetupKeySource {
        @Option(names = {"-k", "--setup-key"}, paramLabel = "KEY",
                description = "Setup key (visible in the process list: prefer --setup-key-file).")
        String value;

        @Option(names = "--setup-key-file", paramLabel = "FILE", description = "File holding the setup key.")
        Path file;
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
