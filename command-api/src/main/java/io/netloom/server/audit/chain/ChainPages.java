package io.netloom.server.audit.chain;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads an account's chain in position order, a page at a time, so that memory stays bounded
 * however long the history: each page is one short query, resumed after the last position seen.
 */
@Component
public class ChainPages {

    static final int PAGE_SIZE = 500;

    private static final String PAGE = "SELECT c.position, c.event_id, c.occurred_at, c.previous_hash, c.hash, "
            + StoredEvent.COLUMNS + " FROM event_chain c LEFT JOIN domainevententry e"
            + " ON e.eventidentifier = c.event_id WHERE c.account_id = ? AND c.position > ?"
            + " AND c.occurred_at >= ? AND c.occurred_at <= ? ORDER BY c.position LIMIT " + PAGE_SIZE;

    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private final JdbcTemplate jdbc;

    public ChainPages(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Hands every link of the account between the two instants (inclusive; null for open) to the consumer. */
    public void forEach(String account, Instant from, Instant to, Consumer<ChainLink> consumer) {
        Timestamp lower = Timestamp.from(from == null ? EARLIEST : from);
        Timestamp upper = Timestamp.from(to == null ? LATEST : to);
        long after = 0;
        while (true) {
            List<ChainLink> page = jdbc.query(PAGE, (row, index) -> new ChainLink(row.getLong("position"),
                    row.getString("event_id"), row.getTimestamp("occurred_at").toInstant(),
                    row.getString("previous_hash"), row.getString("hash"),
                    row.getString("eventidentifier") == null ? null : StoredEvent.from(row)),
                    account, after, lower, upper);
            page.forEach(consumer);
            if (page.size() < PAGE_SIZE) {
                return;
            }
            after = page.get(page.size() - 1).position();
        }
    }
}
