package io.netloom.server.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Files only the server's own user may read: keys, secrets and the first admin token. */
public final class PrivateFiles {

    private PrivateFiles() {
    }

    /** Creates the file with mode 0600 before any byte is written, so the secret is never world-readable. */
    public static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent(),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temporary, content, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    public static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8).trim();
    }

    /**
     * Reads the secret stored in the file, creating it with a fresh one first if it does not exist. Processes that
     * share the file (a cluster's keys directory) and start at once all end up with the one secret that was created
     * first: the file appears only complete, and only if absent.
     */
    public static String readOrCreate(Path file, java.util.function.Supplier<String> newSecret) throws IOException {
        if (Files.exists(file)) {
            return read(file);
        }
        Path candidate = file.resolveSibling(file.getFileName() + "." + java.util.UUID.randomUUID() + ".new");
        write(candidate, newSecret.get());
        try {
            Files.createLink(file, candidate);
        } catch (java.nio.file.FileAlreadyExistsException anotherProcessWasFirst) {
            // Its secret stands.
        } finally {
            Files.deleteIfExists(candidate);
        }
        return read(file);
    }
}
