package io.netloom.daemon.dns;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code resolvectl} for tests: a shell script that writes every call's arguments to a log and keeps the link's DNS
 * server in a file, as resolved would; {@code status} fails while {@link #stopResolved} holds.
 */
final class FakeResolvectl {

    final Path executable;
    private final Path log;
    private final Path stopped;

    FakeResolvectl(Path directory) throws IOException {
        executable = directory.resolve("resolvectl");
        log = directory.resolve("resolvectl.log");
        stopped = directory.resolve("resolvectl.stopped");
        // Prints what it keeps as systemd-resolved 252's resolvectl does: "Link 7 (wt0): <values>".
        Files.writeString(executable, "#!/bin/sh\n"
                + "echo \"$*\" >> '" + log + "'\n"
                + "case \"$1\" in\n"
                + "  status) [ ! -e '" + stopped + "' ] ;;\n"
                + "  dns|domain|default-route) kept=\"" + directory + "/resolvectl.$1\"\n"
                + "    if [ $# -eq 2 ]; then echo \"Link 7 ($2): $(cat \"$kept\" 2>/dev/null)\"\n"
                + "    else shift 2; echo \"$*\" > \"$kept\"; fi ;;\n"
                + "  revert) rm -f '" + directory + "/resolvectl.dns' '" + directory + "/resolvectl.domain' '"
                + directory + "/resolvectl.default-route' ;;\n"
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

    /** resolved lost the link's settings (another program reverted them, or its state in /run went). */
    void forgetLinks() throws IOException {
        run("revert", "wt0");
    }

    /** Another program sets one of the link's settings, as {@code resolvectl <verb> wt0 <values>} would. */
    void set(String verb, String values) throws IOException {
        run(verb, "wt0", values);
    }

    private void run(String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(executable.toString()));
        command.addAll(List.of(arguments));
        try {
            if (new ProcessBuilder(command).start().waitFor() != 0) {
                throw new IOException("fake resolvectl failed: " + command);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        calls();
    }

    void stopResolved() throws IOException {
        Files.writeString(stopped, "");
    }
}
