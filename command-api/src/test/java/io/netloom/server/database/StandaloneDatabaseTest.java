package io.netloom.server.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared database of several servers writes exactly the settings a server needs to connect as its owner. */
class StandaloneDatabaseTest {

    @TempDir
    Path root;

    @Test
    void startWhenReadyThenPrivateSettingsFileConnectsAsOwner() throws Exception {
        Path settingsFile = root.resolve("run/datasource.properties");

        try (EmbeddedDatabase database = StandaloneDatabase.start(root.resolve("db"), settingsFile)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(settingsFile))).isEqualTo("rw-------");
            Properties settings = new Properties();
            try (Reader reader = Files.newBufferedReader(settingsFile)) {
                settings.load(reader);
            }
            assertThat(settings.getProperty("spring.datasource.url")).isEqualTo(database.jdbcUrl());
            try (Connection connection = DriverManager.getConnection(settings.getProperty("spring.datasource.url"),
                    settings.getProperty("spring.datasource.username"), settings.getProperty("spring.datasource.password"));
                    Statement statement = connection.createStatement();
                    ResultSet user = statement.executeQuery("SELECT current_user, current_database()")) {
                user.next();
                assertThat(user.getString(1)).isEqualTo(EmbeddedDatabase.OWNER);
                assertThat(user.getString(2)).isEqualTo(EmbeddedDatabase.DATABASE);
            }
        }
    }
}
