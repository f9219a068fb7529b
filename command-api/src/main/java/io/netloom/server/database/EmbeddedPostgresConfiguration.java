package io.netloom.server.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.netloom.server.cluster.DirectConnections;
import io.netloom.server.config.NetloomProperties;
import java.io.IOException;
import javax.sql.DataSource;
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

    @Bean(destroyMethod = "close")
    EmbeddedDatabase embeddedDatabase(NetloomProperties properties) throws IOException {
        return EmbeddedDatabase.start(properties.dataDir());
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
