package io.netloom.ops.bench.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.axonframework.common.DateTimeUtils;

/**
 * Writes events into a stopped server's embedded database exactly as Axon's JDBC storage engine and the server's
 * Jackson serializer would, for benchmarks that need a history larger than an API could build in time.
 */
final class AxonEventRows implements AutoCloseable {

    private static final byte[] NO_METADATA = "{}".getBytes(StandardCharsets.UTF_8);
    /** The server's event serializer configuration (AxonConfiguration). */
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);

    private final EmbeddedPostgres postgres;
    private final Connection connection;
    private final PreparedStatement insert;

    private AxonEventRows(EmbeddedPostgres postgres, Connection connection) throws Exception {
        this.postgres = postgres;
        this.connection = connection;
        connection.setAutoCommit(false);
        this.insert = connection.prepareStatement("INSERT INTO domainevententry (aggregateidentifier, sequencenumber, "
                + "type, eventidentifier, metadata, payload, payloadrevision, payloadtype, timestamp) "
                + "VALUES (?, ?, ?, ?, ?, ?, '1', ?, ?)");
    }

    /** Opens the database of the server whose data directory this is; the server must be stopped. */
    static AxonEventRows open(Path dataDirectory) throws Exception {
        // The server set the database up (ADR 0017): passwords in <data-dir>/keys, data in database netloom.
        String superuserPassword = Files.readString(dataDirectory.resolve("keys/postgres-superuser-password")).strip();
        String ownerPassword = Files.readString(dataDirectory.resolve("keys/postgres-netloom-password")).strip();
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(dataDirectory.resolve("postgres"))
                .setCleanDataDirectory(false)
                // The default 10 s is too short on a busy machine just after the server stopped its database.
                .setPGStartupWait(Duration.ofMinutes(1))
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("unix_socket_directories", "")
                .setConnectConfig("password", superuserPassword)
                .setConnectConfig("PGDBNAME", "template1")
                .start();
        return new AxonEventRows(postgres,
                postgres.getDatabase("netloom", "netloom", Map.of("password", ownerPassword)).getConnection());
    }

    /** Adds one event to the batch; {@link #commit} writes the batch. */
    void add(String aggregateType, String aggregateId, long sequence, Object event, Instant time) throws Exception {
        insert.setString(1, aggregateId);
        insert.setLong(2, sequence);
        insert.setString(3, aggregateType);
        insert.setString(4, UUID.randomUUID().toString());
        insert.setBytes(5, NO_METADATA);
        insert.setBytes(6, JSON.writeValueAsBytes(event));
        insert.setString(7, event.getClass().getName());
        insert.setString(8, DateTimeUtils.formatInstant(time));
        insert.addBatch();
    }

    void commit() throws Exception {
        insert.executeBatch();
        connection.commit();
    }

    @Override
    public void close() throws Exception {
        try {
            connection.close();
        } finally {
            postgres.close();
        }
    }
}
