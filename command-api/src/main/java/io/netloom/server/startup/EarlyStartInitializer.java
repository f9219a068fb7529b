package io.netloom.server.startup;

import io.netloom.server.axon.AxonConfiguration;
import io.netloom.server.database.EmbeddedDatabase;
import io.netloom.server.readmodel.snapshot.ReadModelSnapshotCodec;
import io.netloom.server.readmodel.snapshot.ReadModelSnapshotLoader;
import io.netloom.server.readmodel.snapshot.ReadModelSnapshotStore;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Starts the embedded PostgreSQL and decodes the newest read-model snapshot on a thread of its own before Spring
 * creates the first bean (ADR 0064). Both need only the configuration: Spring reached the database about 10 s after
 * launch (component scan, auto-configuration, Tomcat), and the decode then still held up the start by 7 s. The
 * snapshot is read early only when the schema needs no migration, so a table it reads is never one a migration is
 * about to change; otherwise the migration strategy loads it after the migrations, as before.
 */
public final class EarlyStartInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final Logger log = LoggerFactory.getLogger(EarlyStartInitializer.class);

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        Environment environment = context.getEnvironment();
        boolean embedded = "embedded".equals(environment.getProperty("spring.datasource.url", "embedded"));
        // Bound as NetloomProperties binds it, so that every way of setting it (arguments, environment) counts.
        Path dataDir = Binder.get(environment).bind("netloom.data-dir", Path.class).orElse(Path.of("./netloom-data"));
        String[] locations = environment.getProperty("spring.flyway.locations", String[].class,
                new String[] {"classpath:db/migration"});
        EarlyStart early = new EarlyStart();
        context.getBeanFactory().registerSingleton("earlyStart", early);
        // Spring Boot hands a failed start to the context's listeners even when the context never became active.
        context.addApplicationListener((ApplicationListener<ApplicationFailedEvent>) failed ->
                early.abandonUnlessTaken());
        Thread thread = new Thread(() -> {
            DataSource dataSource;
            try {
                if (embedded) {
                    EmbeddedDatabase database = EmbeddedDatabase.start(dataDir);
                    early.database().complete(database);
                    dataSource = new DriverManagerDataSource(database.jdbcUrl(), EmbeddedDatabase.OWNER,
                            database.ownerPassword());
                } else {
                    early.database().complete(null);
                    dataSource = new DriverManagerDataSource(environment.getRequiredProperty("spring.datasource.url"),
                            environment.getProperty("spring.datasource.username"),
                            environment.getProperty("spring.datasource.password"));
                }
            } catch (Exception | Error e) {
                early.database().completeExceptionally(e);
                early.snapshot().complete(null);
                return;
            }
            try {
                early.snapshot().complete(loadIfSchemaCurrent(dataSource, locations));
            } catch (RuntimeException | Error e) {
                log.warn("Read-model snapshot: not read early, read after the migrations instead: {}", e.toString());
                early.snapshot().complete(null);
            }
        }, "early-start");
        thread.setDaemon(true);
        thread.start();
    }

    /** The snapshot's models; null when the schema is not current or cannot be checked (the load is left for later). */
    private static Optional<ReadModelSnapshotLoader.Loaded> loadIfSchemaCurrent(DataSource dataSource,
            String[] locations) {
        try {
            if (Flyway.configure().dataSource(dataSource).locations(locations).load().info().pending().length > 0) {
                log.info("Read-model snapshot: the schema needs migrating, it is read after the migrations");
                return null;
            }
        } catch (RuntimeException e) {
            log.info("Read-model snapshot: the schema cannot be checked this early ({}), read after the migrations",
                    e.getMessage());
            return null;
        }
        // The same mapper as the event store's bean: the snapshot is read exactly as a load after Spring would.
        ReadModelSnapshotLoader loader = new ReadModelSnapshotLoader(ReadModelSnapshotStore.readOnly(dataSource),
                new ReadModelSnapshotCodec(new AxonConfiguration().defaultAxonObjectMapper()));
        Optional<ReadModelSnapshotLoader.Loaded> loaded = loader.loadNewest();
        log.info("Read-model snapshot read before Spring needed it: {} ({} ms after launch)",
                loaded.map(models -> "snapshot " + models.snapshot().id() + " decoded in " + models.millis() + " ms")
                        .orElse("none readable"),
                ManagementFactory.getRuntimeMXBean().getUptime());
        return loaded;
    }
}
