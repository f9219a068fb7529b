package io.netloom.server.claims;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.peer.WireguardPublicKey;
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
 * Everything here must run inside the transaction that will store the claims.
 */
@Component
public class ClaimCandidates {

    private static final String TRY_LOCK = "pg_try_advisory_xact_lock(hashtextextended(?, 0))";

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
        requireTransaction();
        List<Object> args = new ArrayList<>();
        String sql = "SELECT " + tryTakeExpression(account, candidate, args);
        return Boolean.TRUE.equals(jdbc.queryForObject(sql, Boolean.class, args.toArray()));
    }

    /**
     * Waits until no other transaction is enrolling this device, then tries every candidate, in one
     * round trip when nobody else enrolls the device. Identical enrollments thus queue behind each
     * other: the first one picks the device's address and label, the others find its claim.
     * Answers, for each candidate, whether it is now this transaction's to claim.
     */
    public List<Boolean> tryTakeForDevice(WireguardPublicKey device, AccountId account, List<Candidate> candidates) {
        requireTransaction();
        List<Object> args = new ArrayList<>();
        StringJoiner columns = new StringJoiner(", ", "SELECT turn, ", "");
        for (Candidate candidate : candidates) {
            columns.add("CASE WHEN turn THEN " + tryTakeExpression(account, candidate, args) + " ELSE FALSE END");
        }
        String deviceLock = ClaimKind.PUBLIC_KEY.column() + '/' + device.base64();
        args.add(deviceLock);
        String sql = columns + " FROM (SELECT " + TRY_LOCK + " AS turn) AS device";
        List<Boolean> answers = jdbc.queryForObject(sql, (row, index) -> {
            List<Boolean> columnValues = new ArrayList<>();
            for (int column = 1; column <= candidates.size() + 1; column++) {
                columnValues.add(row.getBoolean(column));
            }
            return columnValues;
        }, args.toArray());
        if (answers.get(0)) {
            return answers.subList(1, answers.size());
        }
        jdbc.query("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", row -> { }, deviceLock);
        // Held now: the statement runs again with a snapshot that shows what the other enrollment claimed.
        return tryTakeForDevice(device, account, candidates);
    }

    /** The lock's text names kind and account, so equal values of other kinds or accounts never collide. */
    private static String tryTakeExpression(AccountId account, Candidate candidate, List<Object> args) {
        args.add(candidate.kind().column() + '/' + account.value() + '/' + candidate.value());
        args.add(account.value());
        args.add(candidate.value());
        return "(" + TRY_LOCK + " AND NOT EXISTS (SELECT 1 FROM peer_claim WHERE account_id = ? AND "
                + candidate.kind().column() + " = ?))";
    }

    private static void requireTransaction() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("a candidate can only be taken inside the transaction that claims it");
        }
    }
}
