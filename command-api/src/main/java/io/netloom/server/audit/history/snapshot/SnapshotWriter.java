package io.netloom.server.audit.history.snapshot;

import io.netloom.domain.ids.AccountId;
import io.netloom.projections.directory.Directory;
import io.netloom.server.cluster.Leadership;
import io.netloom.server.scheduling.PeriodicTask;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps every account's history snapshots up to date in the background (ADR 0035, decision 4): shortly after
 * start, then every {@code netloom.history.snapshot-period}, one account after another on a thread of its own. It
 * only reads the store's events, so it never holds up start-up or a command; an account that fails is logged and
 * tried again next run, and the others go on.
 */
@Component
class SnapshotWriter extends PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(SnapshotWriter.class);

    /** Long enough after start for the server to answer first; the start-up replay is over by then (phase). */
    private static final Duration FIRST_RUN = Duration.ofSeconds(10);
    /** After the start-up replay (Integer.MAX_VALUE - 2048), so that the directory knows every account. */
    private static final int PHASE = Integer.MAX_VALUE - 2000;

    private final Directory directory;
    private final SnapshotCatchUp catchUp;
    private final Leadership leadership;
    private final int interval;

    SnapshotWriter(Directory directory, SnapshotCatchUp catchUp, HistoryProperties properties, Leadership leadership) {
        super("history-snapshots", FIRST_RUN, properties.snapshotPeriod(), PHASE);
        this.directory = directory;
        this.catchUp = catchUp;
        this.leadership = leadership;
        this.interval = properties.snapshotInterval();
    }

    @Override
    protected void runOnce() {
        // Once per cluster (ADR 0056): the snapshots are shared tables, and every process would compute the same.
        if (!leadership.isLeader()) {
            return;
        }
        for (AccountId account : directory.accountIds()) {
            try {
                int written = catchUp.catchUp(account, interval);
                if (written > 0) {
                    log.info("wrote {} history snapshot(s) of account {}", written, account.value());
                }
            } catch (RuntimeException e) {
                log.warn("history snapshots of account {} failed, trying again next run: {}", account.value(),
                        e.getMessage(), e);
            }
        }
    }
}
