package io.netloom.server.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.netloom.server.cluster.DirectConnections;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The operator's PostgreSQL ({@code spring.datasource.url}, {@code username}, {@code password}). Declared
 * here rather than left to Spring Boot's auto-configuration because Axon's JDBC auto-configuration is
 * evaluated before Boot 4's data source and would find none.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:embedded}' != 'embedded'")
public class ExternalDatabaseConfiguration {

    @Bean(destroyMethod = "close")
    DataSource dataSource(Environment environment) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(environment.getRequiredProperty("spring.datasource.url"));
        config.setUsername(environment.getProperty("spring.datasource.username"));
        config.setPassword(environment.getProperty("spring.datasource.password"));
        config.setMaximumPoolSize(20);
        config.setPoolName("netloom-external");
        return new HikariDataSource(config);
    }

    @Bean
    DirectConnections directConnections(Environment environment) {
        return new DirectConnections(environment.getRequiredProperty("spring.datasource.url"),
                environment.getProperty("spring.datasource.username"),
                environment.getProperty("spring.datasource.password"));
    }
}
