package io.netloom.ops.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * A class-data-sharing archive of the {@code netloom} CLI for the lab tests, which run {@code netloom status} hundreds
 * of times, each in a new JVM that spends most of its time loading classes from the 60 MB jar. The first call that
 * finds no archive writes one at its exit ({@code -XX:ArchiveClassesAtExit}); every later call maps it. The archive
 * lives in {@code ops/target}, named after the jar's size and time, so the lab classes of one build share it and a
 * rebuilt jar gets a new one; a JVM given an archive that does not match its jar ignores it, silently with the log
 * options below (status output is parsed as JSON).
 */
final class CliClassArchive {

    private static final Path JAR = Lab.REPOSITORY.resolve("peer-daemon/target/netloom.jar");
    private static final Object LOCK = new Object();
    private static boolean writing;

    private CliClassArchive() {
    }

    /**
     * The archive for one CLI call: the options for its JVM and, when this call writes the archive, where to; hand it
     * back to {@link #ran} once the JVM has exited.
     */
    record Use(List<String> jvmOptions, Path writing) {
    }

    static Use use() {
        Path archive = archive();
        synchronized (LOCK) {
            if (Files.isRegularFile(archive)) {
                return new Use(options("-XX:SharedArchiveFile=" + archive), null);
            }
            if (writing) {
                return new Use(List.of(), null);
            }
            writing = true;
        }
        // Written beside the archive and moved into place once the JVM has exited: a call running meanwhile must
        // never map a half-written file.
        Path partial = archive.resolveSibling(archive.getFileName() + ".partial");
        return new Use(options("-XX:ArchiveClassesAtExit=" + partial), partial);
    }

    static void ran(Use use) {
        if (use.writing() == null) {
            return;
        }
        try {
            if (Files.isRegularFile(use.writing())) {
                Files.move(use.writing(), archive(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the CLI's class archive " + archive(), e);
        } finally {
            synchronized (LOCK) {
                writing = false;
            }
        }
    }

    private static Path archive() {
        try {
            return Lab.REPOSITORY.resolve("ops/target/lab-netloom-cli-" + Files.size(JAR) + "-"
                    + Files.getLastModifiedTime(JAR).toMillis() + ".jsa");
        } catch (IOException e) {
            throw new UncheckedIOException("no CLI jar at " + JAR, e);
        }
    }

    /** The archive option, and no word from the JVM about the archive: the output of {@code status --json} is JSON. */
    private static List<String> options(String archiveOption) {
        return List.of(archiveOption, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    }
}
