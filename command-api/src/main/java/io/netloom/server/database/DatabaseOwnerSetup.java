package io.netloom.server.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.postgresql.util.PasswordUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only work done as the superuser, at every start: the role {@code netloom} (not a superuser, may
 * not create roles or databases) owns the database {@code netloom} and everything in it, so the server
 * and its Flyway migrations run as that owner.
 *
 * <p>Every step is idempotent and each is safe to interrupt, which also upgrades data directories of
 * earlier versions in place: they kept everything, owned by {@code postgres}, in the database
 * {@code postgres}. That database is renamed (no copy, whatever its size) and its objects handed over.
 */
final class DatabaseOwnerSetup {

    private static final Logger log = LoggerFactory.getLogger(DatabaseOwnerSetup.class);

    /** Relations and routines in {@code public} that the owner does not own yet, handed over one by one. */
    private static final String HAND_OVER_OBJECTS = """
            DO $$
            DECLARE item record;
            BEGIN
              FOR item IN
                SELECT c.oid::regclass AS name,
                       CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                                      WHEN 'S' THEN 'SEQUENCE' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END AS kind
                FROM pg_class c
                WHERE c.relnamespace = 'public'::regnamespace
                  AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
                  AND c.relowner <> '%1$s'::regrole
                  -- a sequence behind a serial or identity column follows its table
                  AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d
                           WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                             AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')))
              LOOP
                EXECUTE format('ALTER %%s %%s OWNER TO %1$s', item.kind, item.name);
              END LOOP;
              FOR item IN
                SELECT p.oid::regprocedure AS name,
                       CASE p.prokind WHEN 'p' THEN 'PROCEDURE' WHEN 'a' THEN 'AGGREGATE' ELSE 'FUNCTION' END AS kind
                FROM pg_proc p
                WHERE p.pronamespace = 'public'::regnamespace AND p.proowner <> '%1$s'::regrole
              LOOP
                EXECUTE format('ALTER %%s %%s OWNER TO %1$s', item.kind, item.name);
              END LOOP;
            END $$
            """.formatted(EmbeddedDatabase.OWNER);

    private final String host;
    private final int port;
    private final DatabasePasswords passwords;

    DatabaseOwnerSetup(String host, int port, DatabasePasswords passwords) {
        this.host = host;
        this.port = port;
        this.passwords = passwords;
    }

    void apply() throws SQLException {
        try (Connection cluster = superuserConnection("template1")) {
            ensureOwnerRole(cluster);
            ensureDatabase(cluster);
        }
        try (Connection database = superuserConnection(EmbeddedDatabase.DATABASE);
                Statement statement = database.createStatement()) {
            statement.execute("ALTER SCHEMA public OWNER TO " + EmbeddedDatabase.OWNER);
            statement.execute(HAND_OVER_OBJECTS);
        }
    }

    private void ensureOwnerRole(Connection cluster) throws SQLException {
        try (Statement statement = cluster.createStatement()) {
            if (!exists(cluster, "SELECT 1 FROM pg_roles WHERE rolname = ?", EmbeddedDatabase.OWNER)) {
                log.info("Creating the database role {}", EmbeddedDatabase.OWNER);
                statement.execute("CREATE ROLE " + EmbeddedDatabase.OWNER);
            }
            // The verifier is computed here, so the password itself never reaches the server or its log.
            String verifier = PasswordUtil.encodeScramSha256(passwords.owner().toCharArray());
            statement.execute("ALTER ROLE " + EmbeddedDatabase.OWNER + " WITH LOGIN NOSUPERUSER NOCREATEDB"
                    + " NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT PASSWORD '" + verifier + "'");
        }
    }

    private void ensureDatabase(Connection cluster) throws SQLException {
        String database = EmbeddedDatabase.DATABASE;
        try (Statement statement = cluster.createStatement()) {
            if (!databaseExists(cluster, database)) {
                if (databaseExists(cluster, "postgres")) {
                    log.info("Moving Netloom's data into the database {} (renaming the database postgres)", database);
                    statement.execute("ALTER DATABASE postgres RENAME TO " + database);
                } else {
                    statement.execute("CREATE DATABASE " + database);
                }
            }
            if (!databaseExists(cluster, "postgres")) {
                // Tools connect to "postgres" by default; it stays, empty.
                statement.execute("CREATE DATABASE postgres");
            }
            statement.execute("ALTER DATABASE " + database + " OWNER TO " + EmbeddedDatabase.OWNER);
        }
    }

    private static boolean databaseExists(Connection cluster, String name) throws SQLException {
        return exists(cluster, "SELECT 1 FROM pg_database WHERE datname = ?", name);
    }

    private static boolean exists(Connection connection, String query, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, name);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    private Connection superuserConnection(String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", EmbeddedDatabase.SUPERUSER);
        properties.setProperty("password", passwords.superuser());
        return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + database, properties);
    }
}
