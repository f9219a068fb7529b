package io.netloom.server.readmodel.snapshot;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code netloom.read-model-snapshots.*}: when the read models are snapshotted (ADR 0054).
 *
 * @param everyEvents a snapshot is written once the store has grown by this many events since the newest one
 * @param maxAge or once the newest one is this old and at least one event came after it
 * @param firstCheck how long after start the writer first looks
 * @param checkPeriod how often it looks after that
 * @param keep how many snapshots are kept (the newest): an older one is there if the newest cannot be read
 */
@ConfigurationProperties("netloom.read-model-snapshots")
public record ReadModelSnapshotProperties(
        @DefaultValue("50000") long everyEvents,
        @DefaultValue("10m") Duration maxAge,
        @DefaultValue("1m") Duration firstCheck,
        @DefaultValue("1m") Duration checkPeriod,
        @DefaultValue("2") int keep) {

    public ReadModelSnapshotProperties {
        if (everyEvents < 1) {
            throw new IllegalArgumentException("netloom.read-model-snapshots.every-events must be at least 1");
        }
        if (maxAge.isNegative() || checkPeriod.isNegative() || checkPeriod.isZero() || firstCheck.isNegative()) {
            throw new IllegalArgumentException(
                    "netloom.read-model-snapshots: max-age and first-check must not be negative, check-period positive");
        }
        if (keep < 1) {
            throw new IllegalArgumentException("netloom.read-model-snapshots.keep must be at least 1");
        }
    }
}
