package io.netloom.daemon.wireguard;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies a child process's output into the daemon's log, line by line, and remembers the last few
 * lines so that a failed start can say why.
 */
final class ProcessOutputLog {

    private static final Logger log = LoggerFactory.getLogger("wireguard-go");
    private static final int REMEMBERED_LINES = 5;

    private final String interfaceName;
    private final Deque<String> lastLines = new ArrayDeque<>();
    private Thread reader;

    private ProcessOutputLog(String interfaceName) {
        this.interfaceName = interfaceName;
    }

    static ProcessOutputLog follow(InputStream output, String interfaceName) {
        ProcessOutputLog outputLog = new ProcessOutputLog(interfaceName);
        outputLog.reader = new Thread(() -> outputLog.copy(output), "wireguard-go-log-" + interfaceName);
        outputLog.reader.setDaemon(true);
        outputLog.reader.start();
        return outputLog;
    }

    /** The last lines the process printed before it exited; waits briefly for them to be read. */
    String lastLinesAfterExit() throws InterruptedException {
        reader.join(1000);
        synchronized (this) {
            return lastLines.isEmpty() ? "(no output)" : String.join(" / ", lastLines);
        }
    }

    private void copy(InputStream output) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                record(line);
            }
        } catch (IOException e) {
            log.debug("[{}] output closed: {}", interfaceName, e.getMessage());
        }
    }

    private void record(String line) {
        if (line.isBlank() || isBannerLine(line)) {
            // The framed banner urging to install the kernel module: noise when we fell back on purpose.
            log.debug("[{}] {}", interfaceName, line);
            return;
        }
        if (line.startsWith("ERROR:")) {
            log.warn("[{}] {}", interfaceName, line);
        } else {
            log.info("[{}] {}", interfaceName, line);
        }
        synchronized (this) {
            if (lastLines.size() == REMEMBERED_LINES) {
                lastLines.removeFirst();
            }
            lastLines.addLast(line);
        }
    }

    private static boolean isBannerLine(String line) {
        char first = line.charAt(0);
        return first >= '\u2500' && first <= '\u257f';
    }
}
