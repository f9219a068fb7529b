package io.netloom.server.audit.history.snapshot;

import io.netloom.domain.ids.AccountId;
import io.netloom.projections.history.AccountState;
import io.netloom.projections.history.AccountStateData;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/** The stored snapshots of accounts' history models (table {@code network_model_snapshot}, ADR 0035 decision 4). */
@Component
public class NetworkModelSnapshots {

    private static final RowMapper<SnapshotPoint> POINT = (row, index) -> new SnapshotPoint(row.getLong("position"),
            row.getTimestamp("occurred_at").toInstant());

    private final JdbcTemplate jdbc;
    private final SnapshotCodec codec;
    private final DecodedSnapshots decoded;

    public NetworkModelSnapshots(JdbcTemplate jdbc, SnapshotCodec codec, HistoryProperties properties) {
        this.jdbc = jdbc;
        this.codec = codec;
        this.decoded = new DecodedSnapshots(properties.snapshotCache());
    }

    /** The latest snapshot that holds only events at or before {@code at}. */
    public Optional<SnapshotPoint> latestAtOrBefore(AccountId account, Instant at) {
        return first(jdbc.query("SELECT position, occurred_at FROM network_model_snapshot"
                + " WHERE account_id = ? AND occurred_at <= ? ORDER BY position DESC LIMIT 1", POINT,
                account.value(), Timestamp.from(at)));
    }

    public Optional<SnapshotPoint> latest(AccountId account) {
        return first(jdbc.query("SELECT position, occurred_at FROM network_model_snapshot"
                + " WHERE account_id = ? ORDER BY position DESC LIMIT 1", POINT, account.value()));
    }

    /** The state a snapshot holds; empty if it is gone (deleted since it was found: snapshots are derived data). */
    public Optional<AccountStateData> state(AccountId account, long position) {
        return decoded.get(account, position, () -> first(jdbc.query(
                "SELECT state FROM network_model_snapshot WHERE account_id = ? AND position = ?",
                (row, index) -> codec.decode(row.getBytes("state")), account.value(), position)));
    }

    /** Stores the state as the snapshot at {@code point}; a snapshot already there (another server's) is kept. */
    public void save(AccountId account, SnapshotPoint point, AccountState state) {
        jdbc.update("INSERT INTO network_model_snapshot (account_id, position, occurred_at, state) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (account_id, position) DO NOTHING", account.value(), point.position(),
                Timestamp.from(point.occurredAt()), codec.encode(state));
    }

    /** Drops every snapshot, stored and decoded; answers stay the same, only slower until they are written again. */
    public void deleteAll() {
        jdbc.update("DELETE FROM network_model_snapshot");
        decoded.clear();
    }

    private static <T> Optional<T> first(List<T> rows) {
        return rows.stream().findFirst();
    }
}
