package io.netloom.daemon.state;

import io.netloom.daemon.DaemonJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * JSON files of the state directory (enrollment, settings), written atomically with mode 0600:
 * the enrollment holds TURN credentials, and a half-written file must never be read back.
 */
public final class StateFiles {

    private StateFiles() {
    }

    public static <T> Optional<T> read(Path file, Class<T> type) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(DaemonJson.MAPPER.readValue(file.toFile(), type));
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException(file + " is damaged (" + e.getMessage().lines().findFirst().orElse("")
                    + "); remove it and run `netloom up` again");
        }
    }

    public static void write(Path file, Object value) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        DaemonJson.MAPPER.writerWithDefaultPrettyPrinter().writeValue(temporary.toFile(), value);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
