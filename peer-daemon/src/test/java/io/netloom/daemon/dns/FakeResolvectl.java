package io.netloom.daemon.dns;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * A {@code resolvectl} for tests: a shell script that writes every call's arguments to a log and keeps the link's DNS
 * server in a file, as resolved would; {@code status} fails while {@link #stopResolved} holds.
 */
final class FakeResolvectl {

    final Path executable;
    private final Path log;
    private final Path servers;
    private final Path stopped;

    FakeResolvectl(Path directory) throws IOException {
        executable = directory.resolve("resolvectl");
        log = directory.resolve("resolvectl.log");
        servers = directory.resolve("resolvectl.dns");
        stopped = directory.resolve("resolvectl.stopped");
        Files.writeString(executable, "#!/bin/sh\n"
                + "echo \"$*\" >> '" + log + "'\n"
                + "case \"$1\" in\n"
                + "  status) [ ! -e '" + stopped + "' ] ;;\n"
                + "  dns) if [ $# -eq 2 ]; then cat '" + servers + "' 2>/dev/null || true; else echo \"$3\" > '" + servers
                + "'; fi ;;\n"
                + "  revert) rm -f '" + servers + "' ;;\n"
                + "esac\n");
        Files.setPosixFilePermissions(executable, PosixFilePermissions.fromString("rwx------"));
    }

    /** Every call so far, one line of arguments each, and forgets them. */
    List<String> calls() throws IOException {
        if (!Files.exists(log)) {
            return List.of();
        }
        List<String> calls = Files.readAllLines(log);
        Files.delete(log);
        return calls;
    }

    /** resolved restarted: it forgot the link's settings. */
    void forgetLinks() throws IOException {
        Files.deleteIfExists(servers);
    }

    void stopResolved() throws IOException {
        Files.writeString(stopped, "");
    }
}
