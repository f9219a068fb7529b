package io.netloom.server.database;

import io.netloom.server.storage.PrivateFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL on its own, outside any server: the one database several server processes on one machine
 * share, as the lab's cluster does (ADR 0060). Run from the server's jar:
 *
 * <pre>
 * java -cp netloom-server.jar -Dloader.main=io.netloom.server.database.StandaloneDatabase \
 *   org.springframework.boot.loader.launch.PropertiesLauncher DATA_DIR SETTINGS_FILE
 * </pre>
 *
 * <p>Once PostgreSQL accepts connections the settings file (mode 0600) holds {@code spring.datasource.url},
 * {@code username} and {@code password} of the database's owner, for the servers'
 * {@code --spring.config.import=file:SETTINGS_FILE}: the password never appears on a command line. The database
 * listens on {@link EmbeddedDatabase#HOST} only, so the servers must run where that loopback is theirs too (the lab's
 * nl-inet namespace). It runs until the process is stopped (SIGTERM: PostgreSQL is shut down cleanly).
 */
public final class StandaloneDatabase {

    private static final Logger log = LoggerFactory.getLogger(StandaloneDatabase.class);

    private StandaloneDatabase() {
    }

    public static void main(String[] arguments) throws IOException, InterruptedException {
        if (arguments.length != 2) {
            System.err.println("usage: StandaloneDatabase DATA_DIR SETTINGS_FILE");
            System.exit(2);
        }
        EmbeddedDatabase database = start(Path.of(arguments[0]), Path.of(arguments[1]));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                database.close();
            } catch (IOException e) {
                log.error("PostgreSQL did not stop cleanly: {}", e.getMessage());
            }
            stopped.countDown();
        }, "stop-postgres"));
        stopped.await();
    }

    /** Starts PostgreSQL with its files in {@code dataDirectory} and writes its connection settings once it answers. */
    static EmbeddedDatabase start(Path dataDirectory, Path settingsFile) throws IOException {
        EmbeddedDatabase database = EmbeddedDatabase.start(dataDirectory);
        PrivateFiles.write(settingsFile, settings(database));
        log.info("PostgreSQL for several servers is ready on {}; its settings are in {}", database.jdbcUrl(),
                settingsFile.toAbsolutePath());
        return database;
    }

    /** Spring Boot properties; the password is URL-safe base64 ({@code DatabasePasswords}), nothing to escape. */
    private static String settings(EmbeddedDatabase database) {
        return "# written by StandaloneDatabase: the shared database's owner, for --spring.config.import\n"
                + "spring.datasource.url=" + database.jdbcUrl() + "\n"
                + "spring.datasource.username=" + EmbeddedDatabase.OWNER + "\n"
                + "spring.datasource.password=" + database.ownerPassword() + "\n";
    }
}
