package io.netloom.ops.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A program run to its end, its output (stdout and stderr together) and exit code kept. */
record Command(List<String> arguments, int exitCode, String output) {

    static Command run(List<String> arguments, int timeoutSeconds) {
        try {
            Process process = new ProcessBuilder(arguments).redirectErrorStream(true).start();
            process.getOutputStream().close();
            // Read before waiting: a full pipe would stop the program.
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(arguments + " did not end within " + timeoutSeconds + " s");
            }
            return new Command(arguments, process.exitValue(), output);
        } catch (IOException e) {
            throw new AssertionError("cannot run " + arguments + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + arguments, e);
        }
    }

    /** This command's output, failing the test with it when the command failed. */
    String checked() {
        if (exitCode != 0) {
            throw new AssertionError(arguments + " exited with " + exitCode + ":\n" + output);
        }
        return output;
    }
}
