package io.netloom.daemon.link;

import java.io.IOException;

/** An external command exited with a non-zero status; the message carries the command and its stderr. */
public final class CommandFailedException extends IOException {

    private final int exitCode;
    private final String stderr;

    public CommandFailedException(CommandResult result) {
        super(describe(result));
        this.exitCode = result.exitCode();
        this.stderr = result.stderr();
    }

    public int exitCode() {
        return exitCode;
    }

    public String stderr() {
        return stderr;
    }

    private static String describe(CommandResult result) {
        String stderr = result.stderr().strip();
        return "`" + result.displayCommand() + "` failed with exit status " + result.exitCode()
                + (stderr.isEmpty() ? "" : ": " + stderr);
    }
}
