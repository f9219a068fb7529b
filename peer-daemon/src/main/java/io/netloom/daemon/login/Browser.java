package io.netloom.daemon.login;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Opens a URL in the person's browser on this machine, where there is one. */
@FunctionalInterface
public interface Browser {

    /** Opens {@code url}; false when no browser can be opened here (then the device flow is used). */
    boolean open(URI url);

    /** No browser: always the device flow ({@code --no-browser}). */
    Browser NONE = url -> false;

    /** The desktop's browser through {@code xdg-open}, when a graphical session is there to show it. */
    static Browser desktop() {
        return url -> {
            Map<String, String> environment = System.getenv();
            boolean graphical = environment.containsKey("DISPLAY") || environment.containsKey("WAYLAND_DISPLAY");
            if (!graphical || !onPath("xdg-open")) {
                return false;
            }
            try {
                return new ProcessBuilder("xdg-open", url.toString()).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        };
    }

    private static boolean onPath(String tool) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, tool))) {
                return true;
            }
        }
        return false;
    }
}
