package io.netloom.server.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netloom.domain.group.CreateGroupCommand;
import io.netloom.domain.group.UpdateGroupCommand;
import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.GroupId;
import io.netloom.server.database.EmbeddedDatabase;
import io.netloom.server.metrics.CommandMeters;
import io.netloom.server.readmodel.ReadModelCatchUp;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * Two Axon configurations with the server's aggregate wiring (caches included) and its duplicate-key resolver on one
 * PostgreSQL, as two server processes are: each appends to a Group the other has cached. Sent straight to Axon, the stale copy's append breaks
 * the store's unique (aggregate, sequence number); through {@link Commands} the unit of work runs again on the
 * aggregate as stored and succeeds (ADR 0056).
 */
class StaleAggregateRetryTest {

    private static final AccountId ACCOUNT = new AccountId("account-1");
    private static final Initiator TEST = new Initiator("test");

    @TempDir
    static Path dataDir;

    private static EmbeddedDatabase database;
    private static HikariDataSource dataSource;

    private final SnapshotExecutor snapshots = new SnapshotExecutor();
    private final List<Configuration> started = new ArrayList<>();

    @BeforeAll
    static void startDatabase() throws Exception {
        database = EmbeddedDatabase.start(dataDir);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(database.jdbcUrl());
        config.setUsername(EmbeddedDatabase.OWNER);
        config.setPassword(database.ownerPassword());
        config.setMaximumPoolSize(6);
        dataSource = new HikariDataSource(config);
        Flyway.configure().dataSource(dataSource).load().migrate();
    }

    @AfterAll
    static void stopDatabase() throws Exception {
        dataSource.close();
        database.close();
    }

    @AfterEach
    void stop() {
        started.forEach(Configuration::shutdown);
        snapshots.close();
    }

    @Test
    void sendWhenAnotherProcessAppendedToCachedAggregateThenRunsAgainAndAppendsAfterIt() {
        Configuration first = start();
        Configuration second = start();
        Commands viaFirst = commands(first);
        Commands viaSecond = commands(second);
        GroupId group = GroupId.random();

        viaFirst.send(new CreateGroupCommand(group, ACCOUNT, "g0", false, Set.of()), TEST);
        viaSecond.send(rename(group, "g1"), TEST);
        assertThatThrownBy(() -> first.commandGateway().sendAndWait(rename(group, "stale")))
                .as("the first process's cached Group lacks the second's rename")
                .isInstanceOf(ConcurrencyException.class);

        viaFirst.send(rename(group, "g2"), TEST);
        viaSecond.send(rename(group, "g3"), TEST);
        viaFirst.sendAtomically(List.of(rename(group, "g4")), TEST);

        assertThat(renames(group)).containsExactly("g1", "g2", "g3", "g4");
        assertThat(sequenceNumbers(group)).containsExactly(0L, 1L, 2L, 3L, 4L);
    }

    @Test
    void sendWhenCommandRefusedThenNotRunAgain() {
        Configuration first = start();
        Commands viaFirst = commands(first);
        GroupId group = GroupId.random();
        viaFirst.send(new CreateGroupCommand(group, ACCOUNT, "g0", false, Set.of()), TEST);

        assertThatThrownBy(() -> viaFirst.send(rename(group, " "), TEST)).isNotInstanceOf(ConcurrencyException.class);
        assertThat(sequenceNumbers(group)).containsExactly(0L);
    }

    private static UpdateGroupCommand rename(GroupId group, String name) {
        return new UpdateGroupCommand(group, ACCOUNT, name, Set.of());
    }

    private static List<String> renames(GroupId group) {
        return new JdbcTemplate(dataSource).queryForList("SELECT convert_from(payload, 'UTF8')::jsonb ->> 'name'"
                + " FROM domainevententry WHERE aggregateidentifier = ? AND payloadtype LIKE '%GroupRenamedEvent'"
                + " ORDER BY sequencenumber", String.class, group.value());
    }

    private static List<Long> sequenceNumbers(GroupId group) {
        return new JdbcTemplate(dataSource).queryForList("SELECT sequencenumber FROM domainevententry"
                + " WHERE aggregateidentifier = ? ORDER BY sequencenumber", Long.class, group.value());
    }

    private static Commands commands(Configuration configuration) {
        return new Commands(configuration.commandGateway(), configuration.getComponent(TransactionManager.class),
                new CommandMeters(new SimpleMeterRegistry()), ReadModelCatchUp.NOT_NEEDED);
    }

    /** One "process": its own Axon configuration, command bus and aggregate caches, on the shared database. */
    private Configuration start() {
        Serializer serializer =
                JacksonSerializer.builder().objectMapper(new AxonConfiguration().defaultAxonObjectMapper()).build();
        TransactionManager transactions = new SpringTransactionManager(new DataSourceTransactionManager(dataSource));
        Configurer configurer = DefaultConfigurer.defaultConfiguration()
                .configureSerializer(c -> serializer)
                .configureEventSerializer(c -> serializer)
                .configureMessageSerializer(c -> serializer)
                .configureTransactionManager(c -> transactions)
                .configureEmbeddedEventStore(c -> JdbcEventStorageEngine.builder()
                        .connectionProvider(new SpringDataSourceConnectionProvider(dataSource))
                        .transactionManager(transactions)
                        .eventSerializer(serializer)
                        .snapshotSerializer(serializer)
                        .persistenceExceptionResolver(new PostgresDuplicateKeys())
                        .build());
        AggregatesConfiguration.module(snapshots.executor()).configureModule(configurer);
        Configuration configuration = configurer.start();
        started.add(configuration);
        return configuration;
    }
}
