package io.netloom.server.cluster;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Opens connections to the server's database outside its connection pool, for a session that must live exactly as
 * long as its holder wants: a session advisory lock dies with its connection, and a pool may close or recycle a
 * connection whenever it likes (Hikari's {@code maxLifetime}).
 */
public final class DirectConnections {

    private final String jdbcUrl;
    private final String username;
    private final String password;

    public DirectConnections(String jdbcUrl, String username, String password) {
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.password = password;
    }

    /** @param purpose shown as the session's application name in pg_stat_activity */
    public Connection open(String purpose) throws SQLException {
        Properties properties = new Properties();
        if (username != null) {
            properties.setProperty("user", username);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("ApplicationName", purpose);
        return DriverManager.getConnection(jdbcUrl, properties);
    }
}
