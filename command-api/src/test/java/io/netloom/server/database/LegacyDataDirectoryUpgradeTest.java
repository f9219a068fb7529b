package io.netloom.server.database;

import static io.netloom.server.testing.TestData.createGroup;
import static io.netloom.server.testing.TestData.ids;
import static io.netloom.server.testing.TestData.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netloom.server.testing.NetloomApi;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import io.netloom.server.testing.StandaloneServers;

/**
 * A data directory written by an earlier version (its PostgreSQL trusting every local connection, all
 * of Netloom's tables owned by the superuser in the database {@code postgres}) is upgraded in place at
 * the first start of this version, keeping every event.
 */
class LegacyDataDirectoryUpgradeTest {

    @TempDir
    Path dataDir;

    @Test
    void startWhenDataDirectoryOfEarlierVersionThenUpgradedInPlaceAndNothingLost() throws IOException {
        String adminToken;
        List<String> groups = new ArrayList<>();
        try (EmbeddedPostgres legacy = startAsEarlierVersionsDid(dataDir.resolve("postgres"))) {
            // Earlier versions connected as the superuser to the database "postgres"; so does this server.
            try (ConfigurableApplicationContext server = StandaloneServers.startInsecure(dataDir,
                    "spring.datasource.url=" + legacy.getJdbcUrl("postgres", "postgres"))) {
                adminToken = Files.readString(dataDir.resolve("admin-token")).strip();
                NetloomApi.Client admin = new NetloomApi(StandaloneServers.apiPort(server)).as(adminToken);
                for (int i = 0; i < 5; i++) {
                    groups.add(createGroup(admin, "legacy-" + i));
                }
                assertThat(new JdbcTemplate(server.getBean(javax.sql.DataSource.class))
                        .queryForObject("select rolsuper from pg_roles where rolname = current_user", Boolean.class))
                        .isTrue();
            }
        }
        assertThat(activeLines(dataDir.resolve("postgres/pg_hba.conf"))).anyMatch(line -> line.endsWith("trust"));

        try (ConfigurableApplicationContext server = StandaloneServers.startInsecure(dataDir)) {
            NetloomApi.Client admin = new NetloomApi(StandaloneServers.apiPort(server)).as(adminToken);
            assertThat(ids(admin.get("/api/groups"))).containsAll(groups);
            String another = createGroup(admin, "after upgrade");
            assertThat(ids(admin.get("/api/groups"))).contains(another);

            JdbcTemplate jdbc = new JdbcTemplate(server.getBean(javax.sql.DataSource.class));
            assertThat(jdbc.queryForObject("select current_database()", String.class)).isEqualTo("netloom");
            assertThat(jdbc.queryForObject("select rolsuper from pg_roles where rolname = current_user", Boolean.class))
                    .isFalse();
            assertThat(jdbc.queryForList("select tablename from pg_tables where schemaname = 'public'"
                    + " and tableowner <> current_user", String.class)).isEmpty();
            assertThat(jdbc.queryForObject("select count(*) from flyway_schema_history where success", Integer.class))
                    .isPositive();
            assertThat(activeLines(dataDir.resolve("postgres/pg_hba.conf"))).noneMatch(line -> line.contains("trust"));

            int port = server.getBean(EmbeddedDatabase.class).port();
            assertThatThrownBy(() -> DriverManager.getConnection(
                    "jdbc:postgresql://127.0.0.1:" + port + "/netloom?user=postgres").close())
                    .isInstanceOf(SQLException.class);
        }

        try (ConfigurableApplicationContext server = StandaloneServers.startInsecure(dataDir)) {
            NetloomApi.Client admin = new NetloomApi(StandaloneServers.apiPort(server)).as(adminToken);
            assertThat(ids(admin.get("/api/groups"))).containsAll(groups).hasSize(groups.size() + 2);
        }
    }

    /** The embedded PostgreSQL exactly as versions up to 0.1 started it (initdb's trust, superuser only). */
    private static EmbeddedPostgres startAsEarlierVersionsDid(Path directory) throws IOException {
        Files.createDirectories(directory.getParent());
        return EmbeddedPostgres.builder()
                .setDataDirectory(directory)
                .setCleanDataDirectory(false)
                .setServerConfig("max_connections", "100")
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .start();
    }

    private static List<String> activeLines(Path file) throws IOException {
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        }
    }


}
