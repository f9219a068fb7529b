package io.netloom.server.audit.history;

import io.netloom.domain.ids.AccountId;
import io.netloom.projections.history.EventPosition;
import io.netloom.projections.history.EventRef;
import io.netloom.server.axon.Initiator;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads one account's stored events in the order of its hash chain (ADR 0034), a page at a time, with their
 * payloads deserialized by Axon's own event serializer. The chain is the account's index: it names the
 * account, orders its events as they committed and carries their time as a real timestamp.
 */
@Component
public class HistoryEvents {

    /** An instant after every event, for reading an account's events whatever their time. */
    public static final Instant END_OF_TIME = Instant.parse("9999-12-31T23:59:59Z");

    /**
     * Positions read per query. A range rather than a row limit: PostgreSQL's generic plan for a prepared "next
     * 1,000 matching rows" query sorts every later row of the account, on each page; a range bounds every plan.
     */
    private static final int RANGE = 2_000;

    private static final String COLUMNS = "SELECT c.position, c.occurred_at, c.event_id, e.type,"
            + " e.aggregateidentifier, e.payloadtype, e.payloadrevision, e.metadata";
    private static final String FROM = " FROM event_chain c JOIN domainevententry e ON e.eventidentifier = c.event_id";
    /**
     * How much later than its own time an event may be linked into its chain: its transaction's length, from the
     * aggregate applying it to the commit. Positions follow commits, so the events up to an instant end, in
     * position order, at most this far past it: reading stops there instead of scanning the rest of the account.
     */
    static final Duration LATE_COMMIT = Duration.ofMinutes(10);

    /**
     * Selects on the link's own payload type and peers, so that only the rows kept are joined to their events. A
     * link not filled yet (NULL peers: written before Flyway V6, ChainFacts fills it at start) is always read: a
     * selection only saves reading, and reading more changes no answer. Filtered by time in Java: a time condition
     * in the query would not stop its scan of the later positions.
     */
    private static final String PAGE = COLUMNS + ", e.payload" + FROM
            + " WHERE c.account_id = ? AND c.position > ? AND c.position <= ?"
            + " AND (c.peers IS NULL OR (c.payload_type <> ALL(?)"
            + " AND (c.payload_type <> ALL(?) OR c.peers && ?::text[])))"
            + " ORDER BY c.position";
    private static final String ONE = COLUMNS + FROM + " WHERE c.account_id = ? AND c.position = ?";

    private final JdbcTemplate jdbc;
    private final Serializer serializer;

    public HistoryEvents(JdbcTemplate jdbc, @Qualifier("eventSerializer") Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    /**
     * Hands the account's events after position {@code after}, up to position {@code last} and time {@code until}
     * (both inclusive), to the consumer in chain order.
     */
    public void forEach(AccountId account, long after, long last, Instant until, Consumer<HistoryEvent> consumer) {
        forEach(account, after, last, until, EventSelection.EVERY_EVENT, consumer);
    }

    /** The same, reading only the selected events (in the query: the others are never read nor deserialized). */
    public void forEach(AccountId account, long after, long last, Instant until, EventSelection selection,
            Consumer<HistoryEvent> consumer) {
        String[] skipped = selection.skippedPayloadTypes().toArray(String[]::new);
        String[] peerScoped = selection.peerScopedPayloadTypes().toArray(String[]::new);
        String[] named = selection.namedPeerIds();
        Instant noLaterLinks = until.isAfter(END_OF_TIME.minus(LATE_COMMIT)) ? END_OF_TIME : until.plus(LATE_COMMIT);
        long end = Math.min(last, head(account));
        for (long position = after; position < end; position += RANGE) {
            long from = position;
            long to = Math.min(end, position + RANGE);
            List<StoredRow> page = jdbc.query(PAGE, statement -> {
                statement.setString(1, account.value());
                statement.setLong(2, from);
                statement.setLong(3, to);
                statement.setArray(4, statement.getConnection().createArrayOf("text", skipped));
                statement.setArray(5, statement.getConnection().createArrayOf("text", peerScoped));
                statement.setArray(6, statement.getConnection().createArrayOf("text", named));
            }, (row, index) -> StoredRow.of(row));
            for (StoredRow row : page) {
                if (row.occurredAt().isAfter(noLaterLinks)) {
                    return;
                }
                if (!row.occurredAt().isAfter(until)) {
                    consumer.accept(event(row));
                }
            }
        }
    }

    /** The event at that position of the account's chain, without its payload; empty if there is none. */
    public Optional<EventRef> ref(AccountId account, EventPosition position) {
        return jdbc.query(ONE, (row, index) -> ref(StoredRow.of(row)), account.value(), position.value()).stream()
                .findFirst();
    }

    /** The position of the account's latest event; 0 when it has none. */
    public long head(AccountId account) {
        Long head = jdbc.queryForObject("SELECT MAX(position) FROM event_chain WHERE account_id = ?", Long.class,
                account.value());
        return head == null ? 0 : head;
    }

    private HistoryEvent event(StoredRow row) {
        SerializedObject<byte[]> payload = new SimpleSerializedObject<>(row.payload(), byte[].class,
                row.payloadType(), row.payloadRevision());
        return new HistoryEvent(ref(row), serializer.deserialize(payload));
    }

    private EventRef ref(StoredRow row) {
        return new EventRef(row.position(), row.occurredAt(), row.eventId(), kindOf(row.payloadType()),
                actorOf(row.metadata()), row.aggregateType(), row.aggregateId());
    }

    /** A link and its event as read, nothing deserialized yet: only the events read on are. */
    private record StoredRow(long position, Instant occurredAt, String eventId, String aggregateType,
            String aggregateId, String payloadType, String payloadRevision, byte[] metadata, byte[] payload) {

        static StoredRow of(ResultSet row) throws SQLException {
            boolean withPayload = row.getMetaData().getColumnCount() > 8;
            return new StoredRow(row.getLong("position"), row.getTimestamp("occurred_at").toInstant(),
                    row.getString("event_id"), row.getString("type"), row.getString("aggregateidentifier"),
                    row.getString("payloadtype"), row.getString("payloadrevision"), row.getBytes("metadata"),
                    withPayload ? row.getBytes("payload") : null);
        }
    }

    /** {@code io.netloom.domain.group.PeersAddedToGroupEvent} is {@code PeersAddedToGroup}. */
    private static String kindOf(String payloadType) {
        String simple = payloadType.substring(payloadType.lastIndexOf('.') + 1);
        return simple.endsWith("Event") ? simple.substring(0, simple.length() - "Event".length()) : simple;
    }

    private String actorOf(byte[] metadata) {
        if (metadata == null) {
            return Initiator.SYSTEM.id();
        }
        MetaData data = serializer.deserialize(new SimpleSerializedObject<>(metadata, byte[].class,
                MetaData.class.getName(), null));
        String initiator = String.valueOf(data.getOrDefault(Initiator.METADATA_KEY, Initiator.SYSTEM.id()));
        Object token = data.get(Initiator.TOKEN_METADATA_KEY);
        return token == null ? initiator : EventCitations.throughToken(String.valueOf(token), initiator);
    }
}
