package io.netloom.daemon.link;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Skips tests that change the machine's network unless they run as root with the tools they need. */
public final class RootTools {

    private RootTools() {
    }

    public static void assumeRootWith(String... tools) {
        assumeTrue(isRoot(), "needs root");
        for (String tool : tools) {
            assumeTrue(onPath(tool), "needs " + tool + " on the PATH");
        }
    }

    private static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static boolean onPath(String tool) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(directory, tool))) {
                return true;
            }
        }
        return false;
    }
}
