package io.netloom.daemon.link;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Guards tests that change the machine's network: they need root and their tools. On a developer's
 * machine without them the test is skipped; in CI ({@code CI=true}) it fails, so a broken install
 * step cannot hide behind a green run.
 */
public final class RootTools {

    private RootTools() {
    }

    public static void assumeRootWith(String... tools) {
        require(isRoot(), "needs root");
        for (String tool : tools) {
            require(onPath(tool), "needs " + tool + " on the PATH");
        }
    }

    /** A prerequisite other than a tool on the PATH: skipped without it, failed in CI. */
    public static void require(boolean met, String prerequisite) {
        if (!met && "true".equals(System.getenv("CI"))) {
            fail("CI=true and the test's prerequisite is missing: " + prerequisite);
        }
        assumeTrue(met, prerequisite);
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
