package io.netloom.server.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netloom.server.config.NetloomProperties;
import io.netloom.server.testing.ServerTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Nobody reaches the embedded PostgreSQL without its password, and the server itself is not a superuser. */
class EmbeddedDatabaseAccessTest extends ServerTest {

    @Autowired
    private EmbeddedDatabase database;

    @Autowired
    private NetloomProperties properties;

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void connectWhenNoPasswordThenRefused() {
        assertThatThrownBy(() -> connect(EmbeddedDatabase.OWNER, EmbeddedDatabase.DATABASE, null).close())
                .isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> connect(EmbeddedDatabase.OWNER, "postgres", null).close())
                .isInstanceOf(SQLException.class);
    }

    @Test
    void connectWhenWrongPasswordThenRefused() {
        assertThatThrownBy(() -> connect(EmbeddedDatabase.OWNER, EmbeddedDatabase.DATABASE, "not-the-password").close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("password authentication failed");
    }

    @Test
    void connectWhenSuperuserWithoutItsPasswordThenRefused() {
        for (String db : new String[] {"postgres", "template1", EmbeddedDatabase.DATABASE}) {
            assertThatThrownBy(() -> connect(EmbeddedDatabase.SUPERUSER, db, null).close())
                    .isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> connect(EmbeddedDatabase.SUPERUSER, db, database.ownerPassword()).close())
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("password authentication failed");
        }
    }

    @Test
    void connectWhenOwnerWithItsPasswordThenOnlyItsOwnDatabase() throws SQLException {
        try (Connection connection = connect(EmbeddedDatabase.OWNER, EmbeddedDatabase.DATABASE, database.ownerPassword())) {
            assertThat(connection.isValid(5)).isTrue();
        }
        assertThatThrownBy(() -> connect(EmbeddedDatabase.OWNER, "postgres", database.ownerPassword()).close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("no pg_hba.conf entry");
    }

    @Test
    void serverConnectionWhenQueriedThenNotSuperuserButOwnerOfItsDatabase() {
        assertThat(jdbc.queryForObject("select current_user", String.class)).isEqualTo(EmbeddedDatabase.OWNER);
        assertThat(jdbc.queryForObject("select rolsuper from pg_roles where rolname = current_user", Boolean.class))
                .isFalse();
        assertThat(jdbc.queryForObject("select rolcreaterole or rolcreatedb or rolreplication or rolbypassrls"
                + " from pg_roles where rolname = current_user", Boolean.class)).isFalse();
        assertThat(jdbc.queryForObject("select pg_get_userbyid(datdba) from pg_database"
                + " where datname = current_database()", String.class)).isEqualTo(EmbeddedDatabase.OWNER);
        assertThat(jdbc.queryForList("select tablename from pg_tables where schemaname = 'public'"
                + " and tableowner <> current_user", String.class)).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from pg_tables where schemaname = 'public'", Integer.class))
                .isPositive();
    }

    @Test
    void serverWhenRunningThenListensOnLoopbackOnlyWithNoUnixSocket() throws IOException {
        assertThat(jdbc.queryForObject("show listen_addresses", String.class)).isEqualTo("127.0.0.1");
        assertThat(jdbc.queryForObject("show password_encryption", String.class)).isEqualTo("scram-sha-256");
        // postmaster.pid's fifth line names the Unix socket's directory, its sixth the first listen address.
        List<String> lockFile = Files.readAllLines(properties.dataDir().resolve("postgres").resolve("postmaster.pid"));
        assertThat(lockFile.get(4)).isEmpty();
        assertThat(lockFile.get(5)).isEqualTo("127.0.0.1");
    }

    @Test
    void hostBasedAccessWhenReadThenNoTrustLineAndNoLocalLine() throws IOException {
        assertThat(Files.readAllLines(properties.dataDir().resolve("postgres").resolve("pg_hba.conf"),
                        StandardCharsets.UTF_8).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")))
                .isNotEmpty()
                .allMatch(line -> line.startsWith("host ") && line.endsWith("scram-sha-256"))
                .noneMatch(line -> line.contains("trust"));
    }

    @Test
    void passwordFilesWhenWrittenThenOnlyTheServersUserCanReadThem() throws IOException {
        Path keys = properties.dataDir().resolve("keys");
        for (String file : new String[] {DatabasePasswords.SUPERUSER_FILE, DatabasePasswords.OWNER_FILE}) {
            assertThat(Files.getPosixFilePermissions(keys.resolve(file)))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(Files.readString(keys.resolve(file)).strip()).hasSizeGreaterThanOrEqualTo(43);
        }
        assertThat(Files.getPosixFilePermissions(properties.dataDir().resolve("postgres-binaries")))
                .isEqualTo(PosixFilePermissions.fromString("rwx------"));
    }

    private Connection connect(String user, String databaseName, String password) throws SQLException {
        Properties credentials = new Properties();
        credentials.setProperty("user", user);
        if (password != null) {
            credentials.setProperty("password", password);
        }
        credentials.setProperty("connectTimeout", "10");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + database.port() + "/" + databaseName,
                credentials);
    }
}
