package io.netloom.server.audit.chain;

import io.netloom.domain.ids.PeerId;
import io.netloom.projections.history.NamedPeers;
import java.util.List;
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
 * around the server. One statement sets every such link's payload type, and its peers when its type cannot name
 * any; only the payloads of the types that can are read and deserialized, a page at a time. A filled store costs
 * one probe of the index of unfilled links.
 */
@Component
public class ChainFacts {

    static final int PAGE_SIZE = 5_000;

    private static final Logger log = LoggerFactory.getLogger(ChainFacts.class);

    private static final String ANY_UNFILLED = "SELECT EXISTS (SELECT 1 FROM event_chain WHERE peers IS NULL)";

    private static final String TYPES = "SELECT DISTINCT e.payloadtype FROM event_chain c"
            + " JOIN domainevententry e ON e.eventidentifier = c.event_id WHERE c.peers IS NULL";

    private static final String TYPES_AND_EMPTY_PEERS = "UPDATE event_chain c SET payload_type = e.payloadtype,"
            + " peers = CASE WHEN e.payloadtype = ANY(?) THEN NULL ELSE '{}'::text[] END"
            + " FROM domainevententry e WHERE c.peers IS NULL AND e.eventidentifier = c.event_id";

    /** Resumed after the last link seen, along the index of unfilled links: no page reads another's rows. */
    private static final String UNFILLED = "SELECT c.account_id, c.position, e.payloadtype, e.payloadrevision,"
            + " e.payload FROM event_chain c JOIN domainevententry e ON e.eventidentifier = c.event_id"
            + " WHERE c.peers IS NULL AND (c.account_id, c.position) > (?, ?)"
            + " ORDER BY c.account_id, c.position LIMIT " + PAGE_SIZE;

    /** A page's peers in one statement; ids never hold a comma (Ids), so each link's list is one joined text. */
    private static final String SET_PEERS = "UPDATE event_chain c SET peers = string_to_array(v.peers, ',')"
            + " FROM unnest(?::varchar[], ?::bigint[], ?::text[]) AS v(account_id, position, peers)"
            + " WHERE c.account_id = v.account_id AND c.position = v.position";

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
        String[] naming = jdbc.queryForList(TYPES, String.class).stream().filter(ChainFacts::canNamePeers)
                .toArray(String[]::new);
        int typed = jdbc.update(TYPES_AND_EMPTY_PEERS, statement -> statement.setArray(1,
                statement.getConnection().createArrayOf("text", naming)));
        long withPeers = 0;
        String account = "";
        long position = 0;
        while (true) {
            List<Unfilled> page = jdbc.query(UNFILLED, (row, index) -> new Unfilled(row.getString("account_id"),
                    row.getLong("position"), row.getString("payloadtype"), row.getString("payloadrevision"),
                    row.getBytes("payload")), account, position);
            if (page.isEmpty()) {
                break;
            }
            setPeers(page);
            withPeers += page.size();
            Unfilled last = page.get(page.size() - 1);
            account = last.accountId();
            position = last.position();
        }
        log.info("Event chain: recorded the payload type of {} links and the peers of {} in {} ms", typed,
                withPeers, (System.nanoTime() - started) / 1_000_000);
    }

    private void setPeers(List<Unfilled> page) {
        int size = page.size();
        String[] accounts = new String[size];
        Long[] positions = new Long[size];
        String[] peers = new String[size];
        for (int i = 0; i < size; i++) {
            Unfilled link = page.get(i);
            accounts[i] = link.accountId();
            positions[i] = link.position();
            Object payload = serializer.deserialize(new SimpleSerializedObject<>(link.payload(), byte[].class,
                    link.payloadType(), link.payloadRevision()));
            peers[i] = NamedPeers.in(payload).stream().map(PeerId::value).collect(Collectors.joining(","));
        }
        jdbc.update(SET_PEERS, statement -> {
            statement.setArray(1, statement.getConnection().createArrayOf("varchar", accounts));
            statement.setArray(2, statement.getConnection().createArrayOf("bigint", positions));
            statement.setArray(3, statement.getConnection().createArrayOf("text", peers));
        });
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

    private record Unfilled(String accountId, long position, String payloadType, String payloadRevision,
            byte[] payload) {
    }
}
