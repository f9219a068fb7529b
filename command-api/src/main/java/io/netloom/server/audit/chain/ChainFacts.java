package io.netloom.server.audit.chain;

import io.netloom.domain.ids.PeerId;
import io.netloom.projections.history.NamedPeers;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Fills, at start-up and before anyone is served, the payload type and named peers (Flyway V6, ADR 0035 decision
 * 11) of every link that has none: links written before V6, or by {@link ChainBackfill}, which links events stored
 * around the server. A page of positions at a time, each link written once, each page its own statement so an
 * interrupted fill resumes; only payloads of a type that can name a peer are deserialized. A filled store costs
 * one probe of the index of unfilled links (then empty).
 */
@Component
public class ChainFacts {

    static final int PAGE_SIZE = 5_000;

    private static final Logger log = LoggerFactory.getLogger(ChainFacts.class);

    private static final String ANY_UNFILLED = "SELECT EXISTS (SELECT 1 FROM event_chain WHERE peers IS NULL)";

    private static final String SPANS = "SELECT account_id, min(position) AS first, max(position) AS last"
            + " FROM event_chain WHERE peers IS NULL GROUP BY account_id";

    /*
     * A page is a range of one account's positions, not "the next N unfilled links": for the latter PostgreSQL
     * picked, from statistics that lag behind the fill, a plan that read and sorted every unfilled link of the
     * store for each page. A range bounds every plan by the page.
     */
    private static final String UNFILLED = "SELECT c.account_id, c.position, e.payloadtype, e.payloadrevision,"
            + " e.payload FROM event_chain c JOIN domainevententry e ON e.eventidentifier = c.event_id"
            + " WHERE c.account_id = ? AND c.position >= ? AND c.position < ? AND c.peers IS NULL";

    /** A page in one statement; ids never hold a comma (Ids), so each link's peers travel as one joined text. */
    private static final String FILL = "UPDATE event_chain c SET payload_type = v.payload_type,"
            + " peers = string_to_array(v.peers, ',')"
            + " FROM unnest(?::varchar[], ?::bigint[], ?::text[], ?::text[]) AS v(account_id, position, payload_type,"
            + " peers) WHERE c.account_id = v.account_id AND c.position = v.position";

    private final JdbcTemplate jdbc;
    private final Serializer serializer;

    public ChainFacts(JdbcTemplate jdbc, @Qualifier("eventSerializer") Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    public void fillWhatIsMissing() {
        if (!jdbc.queryForObject(ANY_UNFILLED, Boolean.class)) {
            return;
        }
        long started = System.nanoTime();
        Map<String, Boolean> canNamePeers = new HashMap<>();
        long filled = 0;
        long withPeers = 0;
        List<Span> spans = jdbc.query(SPANS, (row, index) -> new Span(row.getString("account_id"),
                row.getLong("first"), row.getLong("last")));
        for (Span span : spans) {
            for (long from = span.first(); from <= span.last(); from += PAGE_SIZE) {
                List<Unfilled> page = jdbc.query(UNFILLED, (row, index) -> new Unfilled(row.getString("account_id"),
                        row.getLong("position"), row.getString("payloadtype"), row.getString("payloadrevision"),
                        row.getBytes("payload")), span.accountId(), from, from + PAGE_SIZE);
                if (!page.isEmpty()) {
                    withPeers += fill(page, canNamePeers);
                    filled += page.size();
                }
            }
        }
        log.info("Event chain: recorded the payload type and peers of {} links ({} naming peers) in {} ms", filled,
                withPeers, (System.nanoTime() - started) / 1_000_000);
    }

    /** Fills one page's links, telling by type (remembered) whether to read a payload; returns how many name a peer. */
    private int fill(List<Unfilled> page, Map<String, Boolean> canNamePeers) {
        int size = page.size();
        String[] accounts = new String[size];
        Long[] positions = new Long[size];
        String[] types = new String[size];
        String[] peers = new String[size];
        int naming = 0;
        for (int i = 0; i < size; i++) {
            Unfilled link = page.get(i);
            accounts[i] = link.accountId();
            positions[i] = link.position();
            types[i] = link.payloadType();
            peers[i] = "";
            if (canNamePeers.computeIfAbsent(link.payloadType(), ChainFacts::canNamePeers)) {
                Object payload = serializer.deserialize(new SimpleSerializedObject<>(link.payload(), byte[].class,
                        link.payloadType(), link.payloadRevision()));
                peers[i] = NamedPeers.in(payload).stream().map(PeerId::value).collect(Collectors.joining(","));
                naming += peers[i].isEmpty() ? 0 : 1;
            }
        }
        jdbc.update(FILL, statement -> {
            statement.setArray(1, statement.getConnection().createArrayOf("varchar", accounts));
            statement.setArray(2, statement.getConnection().createArrayOf("bigint", positions));
            statement.setArray(3, statement.getConnection().createArrayOf("text", types));
            statement.setArray(4, statement.getConnection().createArrayOf("text", peers));
        });
        return naming;
    }

    /**
     * A type no longer on the class path names no peers as far as a query is concerned: the queries consult peers
     * only for the peer-scoped types, which are classes of this code.
     */
    private static boolean canNamePeers(String payloadType) {
        try {
            return NamedPeers.canName(Class.forName(payloadType, false, ChainFacts.class.getClassLoader()));
        } catch (ClassNotFoundException unknown) {
            log.warn("Event chain: payload type {} is unknown; its links are recorded as naming no peer", payloadType);
            return false;
        }
    }

    /** The positions of an account's unfilled links lie from first to last (inclusive). */
    private record Span(String accountId, long first, long last) {
    }

    private record Unfilled(String accountId, long position, String payloadType, String payloadRevision,
            byte[] payload) {
    }
}
