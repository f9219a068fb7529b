package io.netloom.server.audit.chain;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.common.DateTimeUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Links, at start-up and while nothing else writes, every stored event that has no link: events
 * stored before the chain existed (Flyway V4) or written around the server, as the replay
 * benchmark's filler does. They are appended in global-index order after each account's current
 * tip, with the hash rule of {@link ChainRecorder}, one page of global indexes per transaction, so
 * memory stays bounded by a page whatever the store's size and an interrupted start resumes where it
 * stopped. A store whose events are all linked costs one query.
 */
@Component
public class ChainBackfill {

    static final int PAGE_SIZE = 5_000;

    private static final Logger log = LoggerFactory.getLogger(ChainBackfill.class);

    /** The first event without a link, or null: one pass over both tables (a hash or merge anti join). */
    private static final String FIRST_UNLINKED = "SELECT min(e.globalindex) FROM domainevententry e"
            + " WHERE NOT EXISTS (SELECT 1 FROM event_chain c WHERE c.event_id = e.eventidentifier)";

    /*
     * A page is a range of global indexes, so each query reads at most PAGE_SIZE rows whatever plan
     * PostgreSQL picks from statistics that lag behind the links just written. The link test is a
     * scalar subquery on purpose: a NOT EXISTS may become an anti join that hashes all of event_chain
     * for every page; the subquery stays one index probe per row of the range.
     */
    private static final String UNLINKED = "SELECT " + StoredEvent.COLUMNS + " FROM domainevententry e"
            + " WHERE e.globalindex >= ? AND e.globalindex < ?"
            + " AND (SELECT c.event_id FROM event_chain c WHERE c.event_id = e.eventidentifier) IS NULL"
            + " ORDER BY e.globalindex";

    /** Each account's last link, read through the primary key from its end. */
    private static final String TIPS = "SELECT a.account_id, t.position, t.hash"
            + " FROM unnest(?::varchar[]) AS a(account_id) CROSS JOIN LATERAL (SELECT c.position, c.hash"
            + " FROM event_chain c WHERE c.account_id = a.account_id ORDER BY c.position DESC LIMIT 1) t";

    /** A page's links in one statement: one array per column, far fewer round trips than a JDBC batch. */
    private static final String INSERT = "INSERT INTO event_chain (account_id, position, event_id, occurred_at,"
            + " previous_hash, hash) SELECT a, p, e, o::timestamptz, ph, h"
            + " FROM unnest(?::varchar[], ?::bigint[], ?::varchar[], ?::text[], ?::char(64)[], ?::char(64)[])"
            + " AS link(a, p, e, o, ph, h)";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final EventAccount accounts;

    public ChainBackfill(JdbcTemplate jdbc, TransactionTemplate transaction, EventAccount accounts) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.accounts = accounts;
    }

    public void linkWhatIsMissing() {
        long started = System.nanoTime();
        long linked = 0;
        Long first = jdbc.queryForObject(FIRST_UNLINKED, Long.class);
        if (first != null) {
            long last = jdbc.queryForObject("SELECT max(globalindex) FROM domainevententry", Long.class);
            for (long page = first; page <= last; page += PAGE_SIZE) {
                long from = page;
                linked += transaction.execute(status -> linkPage(from, from + PAGE_SIZE));
            }
        }
        log.info("Event chain: linked {} events stored without a link in {} ms", linked,
                (System.nanoTime() - started) / 1_000_000);
    }

    /** Links the unlinked events with a global index from {@code from} (inclusive) to {@code until}. */
    private int linkPage(long from, long until) {
        List<StoredEvent> events = jdbc.query(UNLINKED, (row, index) -> StoredEvent.from(row), from, until);
        if (events.isEmpty()) {
            return 0;
        }
        List<String> owners = events.stream().map(accounts::of).toList();
        Map<String, ChainTip> tips = tips(new HashSet<>(owners));
        int size = events.size();
        Object[][] columns = {new String[size], new Long[size], new String[size], new String[size],
                new String[size], new String[size]};
        for (int i = 0; i < size; i++) {
            StoredEvent event = events.get(i);
            String account = owners.get(i);
            ChainTip tip = tips.getOrDefault(account, ChainTip.EMPTY);
            ChainTip link = tip.next(event);
            tips.put(account, link);
            columns[0][i] = account;
            columns[1][i] = link.position();
            columns[2][i] = event.eventId();
            // Axon's stored text, read back as the instant it names (the chain's time is a real timestamp).
            columns[3][i] = DateTimeUtils.parseInstant(event.timestamp()).toString();
            columns[4][i] = tip.hash();
            columns[5][i] = link.hash();
        }
        String[] types = {"varchar", "bigint", "varchar", "text", "bpchar", "bpchar"};
        jdbc.update(INSERT, statement -> {
            for (int column = 0; column < columns.length; column++) {
                statement.setArray(column + 1, statement.getConnection().createArrayOf(types[column], columns[column]));
            }
        });
        return size;
    }

    private Map<String, ChainTip> tips(Set<String> accountIds) {
        Map<String, ChainTip> tips = new HashMap<>();
        jdbc.query(TIPS, statement -> statement.setArray(1,
                        statement.getConnection().createArrayOf("varchar", accountIds.toArray())),
                (RowCallbackHandler) row -> tips.put(row.getString("account_id"),
                        new ChainTip(row.getLong("position"), row.getString("hash"))));
        return tips;
    }
}
