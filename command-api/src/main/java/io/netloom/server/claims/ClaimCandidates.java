package io.netloom.server.claims;

import io.netloom.domain.ids.AccountId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Lets code that chooses a value for a peer (a free address, a free label) skip values that are
 * taken or being taken, without waiting for anyone. A value is taken for this transaction when no
 * committed peer holds it and no other transaction in flight has taken it: a transaction-scoped
 * advisory lock marks it until this transaction ends. The unique constraints stay the guarantee;
 * this only keeps concurrent choosers apart (two enrollments of "laptop" get "laptop" and
 * "laptop-2" at once, instead of one failing at commit).
 */
@Component
public class ClaimCandidates {

    private final JdbcTemplate jdbc;

    public ClaimCandidates(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Must run inside the transaction that will store the claim. */
    public boolean tryTake(ClaimKind kind, AccountId account, String value) {
        if (kind == ClaimKind.PUBLIC_KEY) {
            throw new IllegalArgumentException("a public key is presented by its device, never chosen");
        }
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("a candidate can only be taken inside the transaction that claims it");
        }
        // Both conditions are evaluated in one statement; the lock text never collides across kinds or accounts.
        Boolean free = jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(hashtextextended(?, 0))"
                        + " AND NOT EXISTS (SELECT 1 FROM peer_claim WHERE account_id = ? AND " + kind.column() + " = ?)",
                Boolean.class, kind.column() + '/' + account.value() + '/' + value, account.value(), value);
        return Boolean.TRUE.equals(free);
    }
}
