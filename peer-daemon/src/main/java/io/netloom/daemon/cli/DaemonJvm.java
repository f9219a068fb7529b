package io.netloom.daemon.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The JVM options of the background daemon: the caller's own, plus what suits a long-running daemon whose packets
 * mostly never reach it, for each concern the caller left open (ADR 0009).
 *
 * <p>The compiler is the JVM's default (tiered, up to C2) although C1 alone starts faster: relayed datagrams pass
 * through the daemon, and over a TLS relay each is encrypted with AES-GCM, which only C2 runs with the CPU's AES
 * and carry-less multiply instructions; under C1 the cipher ran in plain Java and held a TLS relay to a quarter of
 * raw WireGuard (ADR 0044).
 *
 * <ul>
 *   <li>{@code -XX:+UseSerialGC}: one collector thread and the smallest footprint, for a heap of tens of MiB.</li>
 *   <li>Class-data sharing: a dynamic archive of the loaded classes, written when a daemon without one exits and
 *       mapped by the next; it saves most of the class loading that dominates start-up. The JVM checks the archive
 *       against the JDK and the jar and silently ignores one that does not match.</li>
 * </ul>
 */
final class DaemonJvm {

    private DaemonJvm() {
    }

    /** Where the class archive is, and whether a previous daemon already wrote it. */
    record ClassArchive(String path, boolean exists) {
    }

    /**
     * @param archive {@code null} when the daemon does not run from a single jar (CDS then cannot apply)
     */
    static List<String> options(List<String> callerOptions, ClassArchive archive) {
        List<String> options = new ArrayList<>(callerOptions);
        if (callerOptions.stream().noneMatch(option -> option.startsWith("-XX:+Use") && option.endsWith("GC"))) {
            options.add("-XX:+UseSerialGC");
        }
        if (archive != null && noneStartsWith(callerOptions, "-Xshare", "-XX:SharedArchiveFile",
                "-XX:ArchiveClassesAtExit", "-XX:-UseSharedSpaces")) {
            options.add((archive.exists() ? "-XX:SharedArchiveFile=" : "-XX:ArchiveClassesAtExit=") + archive.path());
            // Dumping warns about every class it skips; a mismatching archive is ignored either way.
            options.add("-Xlog:cds=off");
            options.add("-Xlog:cds+dynamic=off");
        }
        return options;
    }

    private static boolean noneStartsWith(List<String> options, String... prefixes) {
        for (String option : options) {
            for (String prefix : prefixes) {
                if (option.startsWith(prefix)) {
                    return false;
                }
            }
        }
        return true;
    }
}
