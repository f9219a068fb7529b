package io.netloom.server.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.postgresql.util.PasswordUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL the server starts inside itself when no external database is configured, its files in
 * {@code <data-dir>/postgres}.
 *
 * <p>Before PostgreSQL starts: an orphan a killed server left running on the directory is stopped, an
 * unclean stop is recovered from (as long as that takes), the superuser gets its password, and
 * {@code pg_hba.conf} allows password logins over loopback only. Then it listens on 127.0.0.1 (no Unix
 * socket), and the server connects as {@link #OWNER}, not as the superuser.
 */
public final class EmbeddedDatabase implements Closeable {

    public static final String DATABASE = "netloom";
    public static final String OWNER = "netloom";
    public static final String SUPERUSER = "postgres";
    public static final String HOST = "127.0.0.1";

    /** Crash recovery is over before PostgreSQL proper starts; this bounds only its own start-up. */
    private static final Duration START_WAIT = Duration.ofMinutes(2);
    private static final Duration FAST_SHUTDOWN_WAIT = Duration.ofMinutes(2);
    private static final Duration IMMEDIATE_SHUTDOWN_WAIT = Duration.ofSeconds(30);
    private static final Duration RECOVERY_HEARTBEAT = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

    private final EmbeddedPostgres postgres;
    private final DatabasePasswords passwords;

    private EmbeddedDatabase(EmbeddedPostgres postgres, DatabasePasswords passwords) {
        this.postgres = postgres;
        this.passwords = passwords;
    }

    /** The server's own database: connections for one process's pool and its direct connections. */
    public static EmbeddedDatabase start(Path dataDirectory) throws IOException {
        return start(dataDirectory, 100);
    }

    /**
     * A database with room for {@code maxConnections}: one that several server processes share (a test's, or the
     * lab's standalone one) needs a pool's worth per process.
     */
    public static EmbeddedDatabase start(Path dataDirectory, int maxConnections) throws IOException {
        Path files = dataDirectory.resolve("postgres").toAbsolutePath();
        Files.createDirectories(files.getParent());
        DatabasePasswords passwords = DatabasePasswords.loadOrCreate(dataDirectory.resolve("keys"));
        PostgresBinaries binaries = PostgresBinaries.in(dataDirectory.resolve("postgres-binaries").toAbsolutePath());
        log.info("Starting embedded PostgreSQL with its data in {}", files);
        EmbeddedPostgres postgres;
        try {
            postgres = EmbeddedPostgres.builder()
                    .setPgBinaryResolver(binaries)
                    .setOverrideWorkingDirectory(binaries.workingDirectory())
                    .setDataDirectory(files)
                    .setCleanDataDirectory(false)
                    .setDataDirectoryCustomizer(directory -> prepare(directory.toPath(), binaries, passwords))
                    .setPGStartupWait(START_WAIT)
                    // The library's own JVM shutdown hook would stop PostgreSQL while Spring's hook is still
                    // stopping the event processors that read from it; the context stops it last, in close().
                    .setRegisterShutdownHook(false)
                    .setServerConfig("listen_addresses", HOST)
                    .setServerConfig("unix_socket_directories", "")
                    .setServerConfig("password_encryption", "scram-sha-256")
                    .setServerConfig("max_connections", Integer.toString(maxConnections))
                    // The embedded library's defaults suit throwaway test databases; this one holds real data.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    // zonky's own readiness check logs in as the superuser, to a database that always exists.
                    .setConnectConfig("password", passwords.superuser())
                    .setConnectConfig("PGDBNAME", "template1")
                    .start();
        } catch (IllegalStateException locked) {
            if (String.valueOf(locked.getMessage()).startsWith("could not lock")) {
                throw new EmbeddedDatabaseException("Another process (a running Netloom server?) uses " + files
                        + "; stop it first", locked);
            }
            throw locked;
        }
        try {
            new DatabaseOwnerSetup(HOST, postgres.getPort(), passwords).apply();
        } catch (SQLException | RuntimeException e) {
            postgres.close();
            throw new EmbeddedDatabaseException("cannot set up the embedded database's owner role: " + e.getMessage(), e);
        }
        return new EmbeddedDatabase(postgres, passwords);
    }

    /** Runs inside zonky while it holds the directory's lock, before it starts PostgreSQL. */
    private static void prepare(Path files, PostgresBinaries binaries, DatabasePasswords passwords) {
        try {
            new OrphanedPostmaster(FAST_SHUTDOWN_WAIT, IMMEDIATE_SHUTDOWN_WAIT).stopIfRunning(files);
            boolean recover = ControlFile.needsRecovery(files);
            boolean setPassword = passwords.superuserCreated() || !HostBasedAccess.isCurrent(files);
            if (recover) {
                log.warn("The embedded PostgreSQL on {} was not shut down cleanly: recovering before start", files);
            }
            if (recover || setPassword) {
                List<String> statements = setPassword
                        ? List.of("ALTER ROLE " + SUPERUSER + " WITH PASSWORD '"
                                + PasswordUtil.encodeScramSha256(passwords.superuser().toCharArray()) + "'")
                        : List.of();
                new SingleUserSession(binaries, RECOVERY_HEARTBEAT).run(files, statements);
            }
            HostBasedAccess.write(files);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the embedded PostgreSQL in " + files, e);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + HOST + ":" + postgres.getPort() + "/" + DATABASE;
    }

    public int port() {
        return postgres.getPort();
    }

    public String ownerPassword() {
        return passwords.owner();
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
