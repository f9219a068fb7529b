package io.netloom.daemon.cli;

import io.netloom.daemon.state.StateDirectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The daemon's class-data-sharing archive in {@code <state>/jvm/}: one per JDK build and jar (path, size,
 * modification time), so an upgrade of either starts a new one and the old ones are deleted.
 */
final class ClassArchives {

    private ClassArchives() {
    }

    /** The archive for the daemon run from the jar file {@code jar}, or {@code null} when there is no such file. */
    static DaemonJvm.ClassArchive forJar(StateDirectory state, String jar) throws IOException {
        Path jarPath = Path.of(jar).toAbsolutePath();
        if (!Files.isRegularFile(jarPath)) {
            return null;
        }
        String identity = System.getProperty("java.vm.version") + "|" + jarPath + "|" + Files.size(jarPath) + "|"
                + Files.getLastModifiedTime(jarPath).toMillis();
        Path directory = state.root().resolve("jvm");
        Files.createDirectories(directory);
        Path archive = directory.resolve("daemon-" + shortHash(identity) + ".jsa");
        deleteOthers(directory, archive);
        return new DaemonJvm.ClassArchive(archive.toString(), Files.isRegularFile(archive));
    }

    private static void deleteOthers(Path directory, Path keep) throws IOException {
        try (DirectoryStream<Path> archives = Files.newDirectoryStream(directory, "daemon-*.jsa")) {
            for (Path archive : archives) {
                if (!archive.equals(keep)) {
                    Files.deleteIfExists(archive);
                }
            }
        }
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
