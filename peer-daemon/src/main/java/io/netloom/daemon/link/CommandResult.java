package io.netloom.daemon.link;

import java.util.List;

/** What a finished external command left behind. */
public record CommandResult(List<String> command, int exitCode, String stdout, String stderr) {

    public CommandResult {
        command = List.copyOf(command);
    }

    public boolean succeeded() {
        return exitCode == 0;
    }

    /** The command as a person would type it, for messages; never includes what was fed on stdin. */
    public String displayCommand() {
        return Commands.display(command);
    }
}
