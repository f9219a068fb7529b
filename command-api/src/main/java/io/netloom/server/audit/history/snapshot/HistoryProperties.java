package io.netloom.server.audit.history.snapshot;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code netloom.history.*}: the snapshots of each account's history model (ADR 0035, decision 4).
 *
 * @param snapshotInterval a snapshot is kept after every this many events of an account's chain: a history query
 *     replays at most this many events after decoding one snapshot
 * @param snapshotPeriod how often the background writer looks for accounts that have grown by an interval
 * @param snapshotCache how many decoded snapshots are kept in memory (the most recently used)
 */
@ConfigurationProperties("netloom.history")
public record HistoryProperties(
        @DefaultValue("2000") int snapshotInterval,
        @DefaultValue("30s") Duration snapshotPeriod,
        @DefaultValue("4") int snapshotCache) {

    public HistoryProperties {
        if (snapshotInterval < 1) {
            throw new IllegalArgumentException("netloom.history.snapshot-interval must be at least 1");
        }
        if (snapshotPeriod.isNegative() || snapshotPeriod.isZero()) {
            throw new IllegalArgumentException("netloom.history.snapshot-period must be positive");
        }
        if (snapshotCache < 0) {
            throw new IllegalArgumentException("netloom.history.snapshot-cache must not be negative");
        }
    }
}
