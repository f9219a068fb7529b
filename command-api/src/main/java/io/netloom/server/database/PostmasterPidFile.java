package io.netloom.server.database;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * PostgreSQL's lock file {@code postmaster.pid}: its first line is the process that holds the data
 * directory (a postmaster, or a single-user backend).
 *
 * @param file where it was read
 * @param pid the process that wrote it
 */
record PostmasterPidFile(Path file, long pid) {

    static final String NAME = "postmaster.pid";

    static Optional<PostmasterPidFile> in(Path dataDirectory) throws IOException {
        Path file = dataDirectory.resolve(NAME);
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException gone) {
            return Optional.empty();
        }
        if (lines.isEmpty() || !lines.get(0).trim().matches("-?\\d{1,10}")) {
            // A postmaster writes the file in one go; an empty or garbled one was left by a crash mid-write.
            return Optional.of(new PostmasterPidFile(file, 0));
        }
        // A single-user backend writes its PID negated.
        return Optional.of(new PostmasterPidFile(file, Math.abs(Long.parseLong(lines.get(0).trim()))));
    }
}
