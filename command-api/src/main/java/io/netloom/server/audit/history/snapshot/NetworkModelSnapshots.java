package io.netloom.server.audit.history.snapshot;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PeerId;
import io.netloom.projections.history.AccountState;
import io.netloom.projections.history.AccountStateData;
import io.netloom.projections.history.StateBuckets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The stored snapshots of accounts' history models (ADR 0035, decisions 4 and 10): the common part in
 * {@code network_model_snapshot}, the peers in buckets in {@code network_model_snapshot_part}.
 */
@Component
public class NetworkModelSnapshots {

    private record Common(byte[] data, int buckets) {
    }

    private static final RowMapper<SnapshotPoint> POINT = (row, index) -> new SnapshotPoint(row.getLong("position"),
            row.getTimestamp("occurred_at").toInstant());

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final SnapshotCodec codec;
    private final DecodedSnapshots decoded;

    public NetworkModelSnapshots(JdbcTemplate jdbc, TransactionTemplate transaction, SnapshotCodec codec,
            HistoryProperties properties) {
        this.jdbc = jdbc;
        this.transaction = transaction;
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

    /**
     * The whole state a snapshot holds, from every part; empty if it is gone (deleted since it was found: snapshots
     * are derived data).
     */
    public Optional<AccountStateData> state(AccountId account, long position) {
        return decoded.get(account, position, () -> common(account, position).flatMap(common -> {
            List<byte[]> parts = jdbc.query("SELECT data FROM network_model_snapshot_part"
                    + " WHERE account_id = ? AND position = ? ORDER BY bucket", (row, index) -> row.getBytes("data"),
                    account.value(), position);
            return parts.size() == common.buckets()
                    ? Optional.of(codec.decode(new SnapshotCodec.Encoded(common.data(), parts)))
                    : Optional.empty();
        }));
    }

    /**
     * The state a snapshot holds as far as the given peers are concerned ({@link AccountStateData#restrictedTo}):
     * the common part and only the buckets those peers are in. Empty if the snapshot is gone.
     */
    public Optional<AccountStateData> stateOf(AccountId account, long position, Collection<PeerId> peers) {
        Optional<AccountStateData> whole = decoded.cached(account, position);
        if (whole.isPresent()) {
            return whole.map(state -> state.restrictedTo(peers));
        }
        return common(account, position).flatMap(common -> {
            TreeSet<Integer> wanted = new TreeSet<>();
            peers.forEach(peer -> wanted.add(StateBuckets.bucketOf(peer, common.buckets())));
            List<StateBuckets.Bucket> buckets = new ArrayList<>();
            for (int bucket : wanted) {
                jdbc.query("SELECT data FROM network_model_snapshot_part"
                        + " WHERE account_id = ? AND position = ? AND bucket = ?",
                        (row, index) -> buckets.add(codec.decodeBucket(row.getBytes("data"))),
                        account.value(), position, bucket);
            }
            return buckets.size() == wanted.size()
                    ? Optional.of(StateBuckets.join(codec.decodeCommon(common.data()), buckets).restrictedTo(peers))
                    : Optional.empty();
        });
    }

    private Optional<Common> common(AccountId account, long position) {
        return first(jdbc.query("SELECT common, buckets FROM network_model_snapshot WHERE account_id = ? AND position = ?",
                (row, index) -> new Common(row.getBytes("common"), row.getInt("buckets")), account.value(), position));
    }

    /**
     * Stores the state as the snapshot at {@code point}, its common part and every bucket in one transaction; a
     * snapshot already there (another server's) is kept, parts and all.
     */
    public void save(AccountId account, SnapshotPoint point, AccountState state) {
        SnapshotCodec.Encoded encoded = codec.encode(state);
        transaction.executeWithoutResult(status -> {
            int stored = jdbc.update("INSERT INTO network_model_snapshot (account_id, position, occurred_at, common,"
                    + " buckets) VALUES (?, ?, ?, ?, ?) ON CONFLICT (account_id, position) DO NOTHING",
                    account.value(), point.position(), Timestamp.from(point.occurredAt()), encoded.common(),
                    encoded.buckets().size());
            if (stored == 0) {
                return;
            }
            List<Object[]> parts = new ArrayList<>();
            for (int bucket = 0; bucket < encoded.buckets().size(); bucket++) {
                parts.add(new Object[] {account.value(), point.position(), bucket, encoded.buckets().get(bucket)});
            }
            jdbc.batchUpdate("INSERT INTO network_model_snapshot_part (account_id, position, bucket, data)"
                    + " VALUES (?, ?, ?, ?)", parts);
        });
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
