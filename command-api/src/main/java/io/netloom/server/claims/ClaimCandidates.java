package io.netloom.server.claims;

import io.netloom.domain.ids.AccountId;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Lets code that chooses values for a peer (a free address, a free label) skip values that are
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

    /** A value that might be claimed; a public key is presented by its device, never chosen. */
    public record Candidate(ClaimKind kind, String value) {

        public Candidate {
            if (kind == ClaimKind.PUBLIC_KEY) {
                throw new IllegalArgumentException("a public key is never chosen");
            }
        }
    }

    public boolean tryTake(AccountId account, Candidate candidate) {
        return tryTake(account, List.of(candidate)).get(0);
    }

    /**
     * Tries every candidate in one round trip and answers, for each, whether it is now this
     * transaction's to claim. Must run inside the transaction that will store the claims.
     */
    public List<Boolean> tryTake(AccountId account, List<Candidate> candidates) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("a candidate can only be taken inside the transaction that claims it");
        }
        StringJoiner columns = new StringJoiner(", ", "SELECT ", "");
        List<Object> args = new ArrayList<>();
        for (Candidate candidate : candidates) {
            // The lock's text names kind and account, so equal values of other kinds or accounts never collide.
            columns.add("pg_try_advisory_xact_lock(hashtextextended(?, 0)) AND NOT EXISTS"
                    + " (SELECT 1 FROM peer_claim WHERE account_id = ? AND " + candidate.kind().column() + " = ?)");
            args.add(candidate.kind().column() + '/' + account.value() + '/' + candidate.value());
            args.add(account.value());
            args.add(candidate.value());
        }
        return jdbc.queryForObject(columns.toString(), (row, index) -> {
            List<Boolean> taken = new ArrayList<>();
            for (int column = 1; column <= candidates.size(); column++) {
                taken.add(row.getBoolean(column));
            }
            return taken;
        }, args.toArray());
    }
}
