package io.netloom.daemon.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The JVM options of the background daemon: the caller's own, plus what suits a long-running daemon whose packets
 * mostly never reach it, for each concern the caller left open (ADR 0009).
 *
 * <ul>
 *   <li>{@code -XX:TieredStopAtLevel=1}: C1 only. The optimizing compiler spends seconds of CPU at start-up on code
 *       that then runs rarely: P2P packets stay in the kernel, relayed ones are bounded by ice4j and system calls
 *       (BENCHMARKS.md).</li>
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
        if (noneStartsWith(callerOptions, "-XX:TieredStopAtLevel", "-XX:-TieredCompilation", "-XX:+TieredCompilation",
                "-Xint", "-Xcomp")) {
            options.add("-XX:TieredStopAtLevel=1");
        }
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
