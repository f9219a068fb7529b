package io.netloom.server.testing;

import io.netloom.server.database.EmbeddedDatabase;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * A PostgreSQL outside every server process of a test, as an operator's is: servers started on it can be killed
 * without touching it. Where a Docker engine answers, a {@code postgres:17} container (Testcontainers); where none
 * does (these machines), the embedded PostgreSQL the server itself would start, but started here, in the test's JVM.
 * Either way the test gets a URL, a user and a password, so it runs the same in both places and never skips.
 */
public final class ExternalPostgres implements Closeable {

    /** Three server processes' pools (20 each, ADR 0056), their leader and start-up connections, and the test's. */
    public static final int MAX_CONNECTIONS = 200;

    private final String jdbcUrl;
    private final String username;
    private final String password;
    private final String kind;
    private final Closeable stop;

    private ExternalPostgres(String jdbcUrl, String username, String password, String kind, Closeable stop) {
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.password = password;
        this.kind = kind;
        this.stop = stop;
    }

    /** A container where Docker answers, otherwise an embedded PostgreSQL with its files under {@code directory}. */
    public static ExternalPostgres start(Path directory) throws IOException {
        return DockerClientFactory.instance().isDockerAvailable() ? container() : embedded(directory);
    }

    @SuppressWarnings("resource") // closed by close()
    private static ExternalPostgres container() {
        PostgreSQLContainer container = new PostgreSQLContainer("postgres:17")
                .withCommand("postgres", "-c", "max_connections=" + MAX_CONNECTIONS);
        container.start();
        return new ExternalPostgres(container.getJdbcUrl(), container.getUsername(), container.getPassword(),
                "postgres:17 container", container::stop);
    }

    private static ExternalPostgres embedded(Path directory) throws IOException {
        EmbeddedDatabase database = EmbeddedDatabase.start(directory, MAX_CONNECTIONS);
        return new ExternalPostgres(database.jdbcUrl(), EmbeddedDatabase.OWNER, database.ownerPassword(),
                "embedded PostgreSQL in the test JVM (no Docker engine)", database);
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    /** The server arguments that put a process on this database. */
    public List<String> serverArguments() {
        return List.of("--spring.datasource.url=" + jdbcUrl, "--spring.datasource.username=" + username,
                "--spring.datasource.password=" + password);
    }

    /** Which of the two this is, for the test's output. */
    public String kind() {
        return kind;
    }

    @Override
    public void close() throws IOException {
        stop.close();
    }
}
