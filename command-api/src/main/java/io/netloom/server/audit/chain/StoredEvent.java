package io.netloom.server.audit.chain;

import java.sql.ResultSet;
import java.sql.SQLException;

/** One row of Axon's domainevententry exactly as stored, the input of the hash chain. */
public record StoredEvent(long globalIndex, String eventId, String aggregateType, String aggregateId,
        long sequence, String payloadType, String payloadRevision, String timestamp, byte[] metadata,
        byte[] payload) {

    /** The columns {@link #from} reads, for the queries that select rows. */
    public static final String COLUMNS = "e.globalindex, e.eventidentifier, e.type, e.aggregateidentifier,"
            + " e.sequencenumber, e.payloadtype, e.payloadrevision, e.timestamp, e.metadata, e.payload";

    public static StoredEvent from(ResultSet row) throws SQLException {
        return new StoredEvent(row.getLong("globalindex"), row.getString("eventidentifier"), row.getString("type"),
                row.getString("aggregateidentifier"), row.getLong("sequencenumber"), row.getString("payloadtype"),
                row.getString("payloadrevision"), row.getString("timestamp"), row.getBytes("metadata"),
                row.getBytes("payload"));
    }
}
