package io.netloom.server.audit.chain;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.common.DateTimeUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Links, at start-up and while nothing else writes, every stored event that has no link: events
 * stored before the chain existed (Flyway V4) or written around the server, as the replay
 * benchmark's filler does. They are appended in global-index order after each account's current
 * tip, with the hash rule of {@link ChainRecorder}, one page per transaction, so memory stays
 * bounded by a page whatever the store's size and an interrupted start resumes where it stopped.
 */
@Component
public class ChainBackfill {

    static final int PAGE_SIZE = 5_000;

    private static final Logger log = LoggerFactory.getLogger(ChainBackfill.class);

    /*
     * The link test is a scalar subquery on purpose: PostgreSQL turns a NOT EXISTS into an anti join,
     * and with event_chain's statistics stale after a page it may hash the whole table for every page;
     * a scalar subquery stays one index probe per row, walked in global-index order until a page is full.
     */
    private static final String UNLINKED = "SELECT " + StoredEvent.COLUMNS + " FROM domainevententry e"
            + " WHERE e.globalindex > ?"
            + " AND (SELECT c.event_id FROM event_chain c WHERE c.event_id = e.eventidentifier) IS NULL"
            + " ORDER BY e.globalindex LIMIT " + PAGE_SIZE;

    /** Each account's last link, read through the primary key from its end. */
    private static final String TIPS = "SELECT a.account_id, t.position, t.hash"
            + " FROM unnest(?::varchar[]) AS a(account_id) CROSS JOIN LATERAL (SELECT c.position, c.hash"
            + " FROM event_chain c WHERE c.account_id = a.account_id ORDER BY c.position DESC LIMIT 1) t";

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
        long after = Long.MIN_VALUE;
        while (true) {
            long resumeAfter = after;
            Page page = transaction.execute(status -> linkPage(resumeAfter));
            linked += page.linked();
            if (page.linked() < PAGE_SIZE) {
                break;
            }
            after = page.lastGlobalIndex();
        }
        log.info("Event chain: linked {} events stored without a link in {} ms", linked,
                (System.nanoTime() - started) / 1_000_000);
    }

    private Page linkPage(long after) {
        List<StoredEvent> events = jdbc.query(UNLINKED, (row, index) -> StoredEvent.from(row), after);
        if (events.isEmpty()) {
            return new Page(0, after);
        }
        List<String> owners = events.stream().map(accounts::of).toList();
        Map<String, ChainTip> tips = tips(new LinkedHashSet<>(owners));
        List<Object[]> links = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            StoredEvent event = events.get(i);
            String account = owners.get(i);
            ChainTip tip = tips.getOrDefault(account, ChainTip.EMPTY);
            ChainTip link = tip.next(event);
            tips.put(account, link);
            links.add(new Object[] {account, link.position(), event.eventId(),
                    Timestamp.from(DateTimeUtils.parseInstant(event.timestamp())), tip.hash(), link.hash()});
        }
        jdbc.batchUpdate(ChainRecorder.INSERT_LINK, links);
        return new Page(events.size(), events.get(events.size() - 1).globalIndex());
    }

    private Map<String, ChainTip> tips(Set<String> accountIds) {
        Map<String, ChainTip> tips = new HashMap<>();
        jdbc.query(TIPS, statement -> statement.setArray(1,
                        statement.getConnection().createArrayOf("varchar", accountIds.toArray())),
                row -> {
                    tips.put(row.getString("account_id"),
                            new ChainTip(row.getLong("position"), row.getString("hash")));
                });
        return tips;
    }

    private record Page(int linked, long lastGlobalIndex) {
    }
}
