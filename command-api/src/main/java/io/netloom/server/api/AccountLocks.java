package io.netloom.server.api;

import io.netloom.domain.ids.AccountId;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Serialises the admin changes whose rules span several aggregates of one account (unique group
 * names, a group still referenced by a policy, a setup key or a user): the check against the read
 * model and the command run as one step. Changes in different accounts never wait for each other.
 * This relies on one command-side process (ADR 0003); peers' keys, addresses and labels and setup-key
 * uses no longer do, they are claimed in the database (ADR 0011).
 */
@Component
public class AccountLocks {

    private final ConcurrentMap<AccountId, ReentrantLock> locks = new ConcurrentHashMap<>();

    public <T> T withLock(AccountId account, Supplier<T> change) {
        ReentrantLock lock = locks.computeIfAbsent(account, key -> new ReentrantLock());
        lock.lock();
        try {
            return change.get();
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
}
