package io.netloom.server.database;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** What a running process is, read from Linux's {@code /proc}: is it a PostgreSQL of a given data directory? */
final class PostgresProcesses {

    /** The answer for one process. */
    enum Identity {
        /** A postgres server or single-user backend whose {@code -D} names this data directory. */
        POSTGRES_OF_THIS_DIRECTORY,
        /** Anything else: another program, or a PostgreSQL of another data directory. */
        SOMETHING_ELSE,
        /** A postgres whose data directory cannot be told (relative path, unreadable), or no {@code /proc}. */
        UNKNOWN
    }

    private PostgresProcesses() {
    }

    static Identity identify(long pid, Path dataDirectory) {
        List<String> arguments;
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            arguments = Arrays.asList(new String(raw, StandardCharsets.UTF_8).split("\0"));
        } catch (NoSuchFileException gone) {
            return Identity.SOMETHING_ELSE;
        } catch (IOException | SecurityException unreadable) {
            return Identity.UNKNOWN;
        }
        if (arguments.isEmpty() || !Path.of(arguments.get(0)).getFileName().toString().equals("postgres")) {
            return Identity.SOMETHING_ELSE;
        }
        Optional<Path> named = dataDirectoryArgument(arguments).flatMap(argument -> resolve(pid, argument));
        if (named.isEmpty()) {
            return Identity.UNKNOWN;
        }
        try {
            return named.get().toRealPath().equals(dataDirectory.toRealPath())
                    ? Identity.POSTGRES_OF_THIS_DIRECTORY : Identity.SOMETHING_ELSE;
        } catch (IOException unresolvable) {
            return Identity.SOMETHING_ELSE;
        }
    }

    private static Optional<String> dataDirectoryArgument(List<String> arguments) {
        for (int i = 1; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (argument.equals("-D") && i + 1 < arguments.size()) {
                return Optional.of(arguments.get(i + 1));
            }
            if (argument.startsWith("-D") && argument.length() > 2) {
                return Optional.of(argument.substring(2));
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> resolve(long pid, String argument) {
        Path path = Path.of(argument);
        if (path.isAbsolute()) {
            return Optional.of(path);
        }
        try {
            return Optional.of(Path.of("/proc", Long.toString(pid), "cwd").toRealPath().resolve(path));
        } catch (IOException | SecurityException unreadable) {
            return Optional.empty();
        }
    }
}
