package io.netloom.server.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.netloom.server.cluster.DirectConnections;
import io.netloom.server.config.NetloomProperties;
import io.netloom.server.startup.EarlyStart;
import io.netloom.server.startup.EarlyStartInitializer;
import java.io.IOException;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts a real PostgreSQL inside the server when no external database is configured, keeping its
 * files in the data directory so that a restart finds everything again (ADR 0017).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "spring.datasource.url", havingValue = "embedded", matchIfMissing = true)
public class EmbeddedPostgresConfiguration {

    /** The one {@link EarlyStartInitializer} started while Spring was getting ready, if it did (ADR 0064). */
    @Bean(destroyMethod = "close")
    EmbeddedDatabase embeddedDatabase(NetloomProperties properties, ObjectProvider<EarlyStart> early)
            throws IOException {
        EarlyStart started = early.getIfAvailable();
        if (started == null) {
            return EmbeddedDatabase.start(properties.dataDir());
        }
        return started.takeDatabase();
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(EmbeddedDatabase database) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(database.jdbcUrl());
        config.setUsername(EmbeddedDatabase.OWNER);
        config.setPassword(database.ownerPassword());
        config.setMaximumPoolSize(20);
        config.setPoolName("netloom-embedded");
        return new HikariDataSource(config);
    }

    @Bean
    DirectConnections directConnections(EmbeddedDatabase database) {
        return new DirectConnections(database.jdbcUrl(), EmbeddedDatabase.OWNER, database.ownerPassword());
    }
}
