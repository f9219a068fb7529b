package io.netloom.server.audit.chain;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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
    private final JsonMapper json;

    public ChainRecorder(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventHandler
    void on(Object payload, EventMessage<?> message, @org.axonframework.eventhandling.Timestamp Instant at) {
        StoredEvent event = jdbc.queryForObject("SELECT " + StoredEvent.COLUMNS
                + " FROM domainevententry e WHERE e.eventidentifier = ?", (row, index) -> StoredEvent.from(row),
                message.getIdentifier());
        String account = accountOf(event);
        // Two commands of one account committing at once would read the same tip; the lock, held to
        // the end of the transaction, makes them link one after the other.
        jdbc.query("SELECT pg_advisory_xact_lock(hashtext(?))", row -> null, "event_chain:" + account);
        List<Tip> tips = jdbc.query("SELECT position, hash FROM event_chain WHERE account_id = ?"
                        + " ORDER BY position DESC LIMIT 1",
                (row, index) -> new Tip(row.getLong("position"), row.getString("hash")), account);
        Tip tip = tips.isEmpty() ? new Tip(0, ChainHash.GENESIS) : tips.get(0);
        jdbc.update("INSERT INTO event_chain (account_id, position, event_id, occurred_at, previous_hash, hash)"
                        + " VALUES (?, ?, ?, ?, ?, ?)", account, tip.position() + 1, event.eventId(),
                Timestamp.from(at), tip.hash(), ChainHash.of(tip.hash(), event));
    }

    /** Every Netloom event names its account; one that does not must not be stored unlinked. */
    private String accountOf(StoredEvent event) {
        JsonNode account = json.readTree(event.payload()).get("accountId");
        if (account != null && account.isObject()) {
            account = account.get("value");
        }
        if (account == null || !account.isString() || account.asString().isBlank()) {
            throw new IllegalStateException("event " + event.payloadType() + " names no account");
        }
        return account.asString();
    }

    private record Tip(long position, String hash) {
    }
}
