package io.netloom.server.api;

import io.netloom.domain.ids.AccountId;
import io.netloom.server.axon.StaleAggregates;
import io.netloom.server.cluster.AdvisoryLocks;
import io.netloom.server.readmodel.ReadModelCatchUp;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Serialises the admin changes whose rules span several aggregates of one account (unique group
 * names, a group still referenced by a policy, a setup key or a user): the check against the read
 * model and the command run as one step. Changes in different accounts never wait for each other.
 * Peers' keys, addresses and labels and setup-key uses are claimed in the database instead (ADR 0011).
 *
 * <p>The step is one unit of work and one transaction, which first takes the account's advisory lock in
 * PostgreSQL, so that server processes sharing the database take turns too (ADR 0056); the lock ends with the
 * transaction, also when the process dies. Holding it, the step waits for the read model to show what the
 * previous holder committed ({@link ReadModelCatchUp}), then checks and sends. Within the process the turn lasts
 * until the read model shows this step's own change as well, as it did before there were several processes. A
 * step that met an aggregate another process had just changed runs again as a whole ({@link StaleAggregates}).
 */
@Component
public class AccountLocks {

    private final ConcurrentMap<AccountId, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final TransactionManager transactionManager;
    private final JdbcTemplate jdbc;
    private final ObjectProvider<ReadModelCatchUp> catchUp;

    public AccountLocks(TransactionManager transactionManager, JdbcTemplate jdbc,
            ObjectProvider<ReadModelCatchUp> catchUp) {
        this.transactionManager = transactionManager;
        this.jdbc = jdbc;
        this.catchUp = catchUp;
    }

    public <T> T withLock(AccountId account, Supplier<T> change) {
        ReentrantLock lock = locks.computeIfAbsent(account, key -> new ReentrantLock());
        lock.lock();
        try {
            if (CurrentUnitOfWork.isStarted()) {
                // A step within a larger one (a sign-in that creates a user): its transaction takes the lock.
                return locked(account, change);
            }
            T result = StaleAggregates.retried(() -> inTransaction(() -> locked(account, change)));
            // This step's own change, before the next one here checks against the model and the caller reads it.
            catchUp().awaitCommittedChanges();
            return result;
        } finally {
            lock.unlock();
        }
    }

    public void withLock(AccountId account, Runnable change) {
        withLock(account, () -> {
            change.run();
            return null;
        });
    }

    private <T> T locked(AccountId account, Supplier<T> change) {
        jdbc.query("SELECT pg_advisory_xact_lock(?, hashtext(?))", row -> null,
                AdvisoryLocks.ACCOUNT_RULES.namespace(), account.value());
        catchUp().awaitCommittedChanges();
        return change.get();
    }

    private ReadModelCatchUp catchUp() {
        return catchUp.getIfAvailable(() -> ReadModelCatchUp.NOT_NEEDED);
    }

    private <T> T inTransaction(Supplier<T> step) {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.attachTransaction(transactionManager);
        ResultMessage<T> result = unitOfWork.executeWithResult(step::get);
        if (result.isExceptional()) {
            Throwable failure = result.exceptionResult();
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(failure);
        }
        return result.getPayload();
    }
}
