package io.netloom.server.audit.chain;

import io.netloom.domain.ids.PeerId;
import io.netloom.projections.history.NamedPeers;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Links every stored event into its account's hash chain. A subscribing handler (application.yml)
 * runs after Axon has inserted the command's events and before their transaction commits, so it
 * hashes the row exactly as stored, and a failure here rolls the events back (ChainConfiguration).
 */
@Component
@ProcessingGroup(ChainRecorder.PROCESSING_GROUP)
public class ChainRecorder {

    public static final String PROCESSING_GROUP = "chain";

    private final JdbcTemplate jdbc;
    private final EventAccount accounts;

    public ChainRecorder(JdbcTemplate jdbc, EventAccount accounts) {
        this.jdbc = jdbc;
        this.accounts = accounts;
    }

    @EventHandler
    void on(Object payload, EventMessage<?> message, @org.axonframework.eventhandling.Timestamp Instant at) {
        StoredEvent event = jdbc.queryForObject("SELECT " + StoredEvent.COLUMNS
                + " FROM domainevententry e WHERE e.eventidentifier = ?", (row, index) -> StoredEvent.from(row),
                message.getIdentifier());
        String account = accounts.of(event);
        // Two commands of one account committing at once would read the same tip; the lock, held to
        // the end of the transaction, makes them link one after the other.
        jdbc.query("SELECT pg_advisory_xact_lock(hashtext(?))", row -> null, "event_chain:" + account);
        List<ChainTip> tips = jdbc.query("SELECT position, hash FROM event_chain WHERE account_id = ?"
                        + " ORDER BY position DESC LIMIT 1",
                (row, index) -> new ChainTip(row.getLong("position"), row.getString("hash")), account);
        ChainTip tip = tips.isEmpty() ? ChainTip.EMPTY : tips.get(0);
        ChainTip link = tip.next(event);
        // The payload type and named peers let history queries select events on the link alone (ADR 0035, decision
        // 11); they are outside the hash, which covers the stored row that holds both already.
        String[] peers = NamedPeers.in(payload).stream().map(PeerId::value).toArray(String[]::new);
        jdbc.update("INSERT INTO event_chain (account_id, position, event_id, occurred_at, previous_hash, hash,"
                + " payload_type, peers) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", statement -> {
                    statement.setString(1, account);
                    statement.setLong(2, link.position());
                    statement.setString(3, event.eventId());
                    statement.setTimestamp(4, Timestamp.from(at));
                    statement.setString(5, tip.hash());
                    statement.setString(6, link.hash());
                    statement.setString(7, event.payloadType());
                    statement.setArray(8, statement.getConnection().createArrayOf("text", peers));
                });
    }
}
