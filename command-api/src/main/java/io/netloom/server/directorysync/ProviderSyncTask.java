package io.netloom.server.directorysync;

import io.netloom.domain.ids.AccountId;
import io.netloom.server.cluster.Leadership;
import io.netloom.server.scheduling.PeriodicTask;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One provider's directory sync on its own thread, every {@code interval} from the end of the previous run. An
 * outage is logged once when it starts and once when it ends, without a stack trace per run; the last good state
 * stays in force meanwhile.
 */
final class ProviderSyncTask extends PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(ProviderSyncTask.class);

    private final DirectorySyncConfig config;
    private final Supplier<Optional<AccountId>> account;
    private final DirectorySource source;
    private final DirectorySync sync;
    private final DirectorySyncStatus status;
    private final Clock clock;
    private final Leadership leadership;
    /** Runs of one provider never overlap (the schedule's and one an admin or a test starts). */
    private final Object runLock = new Object();
    private boolean down;

    ProviderSyncTask(DirectorySyncConfig config, Supplier<Optional<AccountId>> account, DirectorySource source,
            DirectorySync sync, DirectorySyncStatus status, Clock clock, Leadership leadership, int phase) {
        super("directory-sync-" + config.providerId(), Duration.ZERO, config.interval(), phase);
        this.config = config;
        this.account = account;
        this.source = source;
        this.sync = sync;
        this.status = status;
        this.clock = clock;
        this.leadership = leadership;
    }

    DirectorySource source() {
        return source;
    }

    @Override
    protected void runOnce() {
        // Once per cluster (ADR 0056): each process would read the whole directory and send the same changes.
        if (leadership.isLeader()) {
            runNow();
        }
    }

    /** One run now, on the caller's thread. */
    DirectorySyncOutcome runNow() {
        synchronized (runLock) {
            return runLocked();
        }
    }

    private DirectorySyncOutcome runLocked() {
        long started = System.nanoTime();
        Optional<AccountId> accountId = account.get();
        if (accountId.isEmpty()) {
            return failed(null, started, "netloom.identity.providers." + config.providerId()
                    + ".account-id is needed: the server does not have exactly one account");
        }
        try {
            DirectorySyncOutcome outcome = sync.run(config.providerId(), accountId.get(), source);
            if (down) {
                log.info("Directory sync with {}: {} can be read again", config.providerId(), config.serverUrl());
                down = false;
            }
            status.record(outcome);
            return outcome;
        } catch (DirectoryUnavailableException e) {
            return failed(accountId.get(), started, e.getMessage());
        }
    }

    private DirectorySyncOutcome failed(AccountId accountId, long started, String error) {
        if (!down) {
            log.warn("Directory sync with {}: {} cannot be read ({}); nobody is blocked for it, the last state stays,"
                    + " trying again every {}", config.providerId(), config.serverUrl(), error, config.interval());
            down = true;
        }
        DirectorySyncOutcome outcome = DirectorySyncOutcome.unavailable(config.providerId(), accountId,
                Instant.now(clock), (System.nanoTime() - started) / 1_000_000, error);
        status.record(outcome);
        return outcome;
    }
}
