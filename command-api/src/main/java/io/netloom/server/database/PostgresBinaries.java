package io.netloom.server.database;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The PostgreSQL programs the embedded database runs, unpacked by zonky into a directory of the data
 * directory that only the server's user can enter.
 *
 * <p>Zonky's default, {@code /tmp/embedded-pg}, is made world-writable by zonky itself, so another local
 * user could swap the programs the server then runs; here that directory sits inside a 0700 one. The
 * server also runs {@code postgres} itself before zonky starts it (crash recovery, the first password),
 * so it needs to know where the programs are: zonky names the directory after the MD5 of the archive it
 * unpacked, which this resolver sees pass through.
 */
final class PostgresBinaries implements PgBinaryResolver {

    private final Path workingDirectory;
    private volatile String archiveDigest;

    private PostgresBinaries(Path workingDirectory) {
        this.workingDirectory = workingDirectory;
    }

    static PostgresBinaries in(Path privateDirectory) throws IOException {
        Files.createDirectories(privateDirectory,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.setPosixFilePermissions(privateDirectory, PosixFilePermissions.fromString("rwx------"));
        return new PostgresBinaries(privateDirectory.resolve("unpacked"));
    }

    /** Where zonky unpacks; it makes this one directory world-writable, its parent keeps others out. */
    File workingDirectory() {
        return workingDirectory.toFile();
    }

    @Override
    public InputStream getPgBinary(String system, String machineHardware) throws IOException {
        MessageDigest md5;
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IOException("no MD5 in this JVM", e);
        }
        InputStream archive = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, machineHardware);
        return new DigestInputStream(archive, md5) {
            private boolean closed;

            @Override
            public void close() throws IOException {
                super.close();
                // zonky closes the stream twice; the digest is taken once, after the last byte.
                if (!closed) {
                    closed = true;
                    archiveDigest = HexFormat.of().formatHex(md5.digest());
                }
            }
        };
    }

    /** The command line running one of PostgreSQL's programs, in a user namespace when root (as zonky does). */
    List<String> command(String program, List<String> arguments) {
        Path executable = binDirectory().resolve(program);
        if (!Files.isExecutable(executable)) {
            throw new EmbeddedDatabaseException("the embedded PostgreSQL program " + executable + " is missing");
        }
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            // PostgreSQL refuses to run as root; zonky runs it in a user namespace, and so must this.
            command.addAll(List.of("unshare", "-U"));
        }
        command.add(executable.toString());
        command.addAll(arguments);
        return command;
    }

    private Path binDirectory() {
        String digest = archiveDigest;
        if (digest == null) {
            throw new IllegalStateException("the PostgreSQL archive has not been unpacked yet");
        }
        return workingDirectory.resolve("PG-" + digest).resolve("bin");
    }
}
