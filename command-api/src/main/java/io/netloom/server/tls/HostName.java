package io.netloom.server.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** This machine's host name, read without a name lookup (which hangs where DNS is unreachable, as in the lab). */
final class HostName {

    private static final Path KERNEL = Path.of("/proc/sys/kernel/hostname");

    private HostName() {
    }

    static Optional<String> ofThisMachine() {
        try {
            if (Files.isReadable(KERNEL)) {
                return Optional.of(Files.readString(KERNEL, StandardCharsets.US_ASCII).strip())
                        .filter(name -> !name.isEmpty());
            }
        } catch (IOException e) {
            // fall back to the environment: the name is a convenience, not a requirement
        }
        return Optional.ofNullable(System.getenv("HOSTNAME")).filter(name -> !name.isBlank());
    }
}
