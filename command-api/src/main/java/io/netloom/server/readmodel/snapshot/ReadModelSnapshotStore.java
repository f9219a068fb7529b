package io.netloom.server.readmodel.snapshot;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Where read-model snapshots live (table {@code read_model_snapshot}, V8): one row per snapshot with the store
 * position it stands at, and its parts (part 0 the common part, then one per account in account-id order).
 */
@Component
public class ReadModelSnapshotStore {

    /** A stored snapshot without its parts. */
    public record Stored(long id, int format, GapAwareTrackingToken token, Instant takenAt) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    /**
     * On the data source rather than Spring's JdbcTemplate, which waits for the migrations: the start-up reads the
     * newest snapshot as soon as they are done, from inside their strategy ({@link ReadModelSnapshotPreload}).
     */
    public ReadModelSnapshotStore(DataSource dataSource, TransactionTemplate transaction) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.transaction = transaction;
    }

    /** A store that only reads: the early start's (ADR 0064), which has no transaction manager yet to write with. */
    public static ReadModelSnapshotStore readOnly(DataSource dataSource) {
        return new ReadModelSnapshotStore(dataSource, null);
    }

    /** Every stored snapshot, the newest (furthest in the store) first. */
    public List<Stored> newestFirst() {
        return jdbc.query("SELECT id, format, token_index, token_gaps, taken_at FROM read_model_snapshot"
                + " ORDER BY token_index DESC, id DESC", (row, index) -> {
                    Long[] gaps = (Long[]) row.getArray("token_gaps").getArray();
                    return new Stored(row.getLong("id"), row.getInt("format"),
                            GapAwareTrackingToken.newInstance(row.getLong("token_index"), Arrays.asList(gaps)),
                            row.getTimestamp("taken_at").toInstant());
                });
    }

    /** The snapshot's parts; empty if it was deleted since it was listed or a part is missing. */
    public Optional<ReadModelSnapshotCodec.Encoded> parts(long id) {
        record Part(int number, byte[] bytes) {
        }
        List<Part> parts = jdbc.query("SELECT part, bytes FROM read_model_snapshot_part WHERE snapshot_id = ?"
                + " ORDER BY part", (row, index) -> new Part(row.getInt("part"), row.getBytes("bytes")), id);
        for (int i = 0; i < parts.size(); i++) {
            if (parts.get(i).number() != i) {
                return Optional.empty();
            }
        }
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ReadModelSnapshotCodec.Encoded(parts.get(0).bytes(),
                parts.subList(1, parts.size()).stream().map(Part::bytes).toList()));
    }

    /** Stores a snapshot and deletes all but the newest {@code keep}, in one transaction; returns its id. */
    public long save(int format, GapAwareTrackingToken token, Instant takenAt, ReadModelSnapshotCodec.Encoded encoded,
            int keep) {
        Long id = transaction.execute(status -> {
            GeneratedKeyHolder key = new GeneratedKeyHolder();
            jdbc.update(connection -> {
                PreparedStatement insert = connection.prepareStatement("INSERT INTO read_model_snapshot"
                        + " (format, token_index, token_gaps, taken_at) VALUES (?, ?, ?, ?)", new String[] {"id"});
                Array gaps = connection.createArrayOf("bigint", token.getGaps().toArray());
                insert.setInt(1, format);
                insert.setLong(2, token.getIndex());
                insert.setArray(3, gaps);
                insert.setTimestamp(4, Timestamp.from(takenAt));
                return insert;
            }, key);
            long snapshot = key.getKey().longValue();
            List<Object[]> rows = new ArrayList<>();
            rows.add(new Object[] {snapshot, 0, encoded.common()});
            for (int i = 0; i < encoded.accounts().size(); i++) {
                rows.add(new Object[] {snapshot, i + 1, encoded.accounts().get(i)});
            }
            jdbc.batchUpdate("INSERT INTO read_model_snapshot_part (snapshot_id, part, bytes) VALUES (?, ?, ?)", rows);
            jdbc.update("DELETE FROM read_model_snapshot WHERE id NOT IN (SELECT id FROM read_model_snapshot"
                    + " ORDER BY token_index DESC, id DESC LIMIT ?)", keep);
            return snapshot;
        });
        return id;
    }
}
