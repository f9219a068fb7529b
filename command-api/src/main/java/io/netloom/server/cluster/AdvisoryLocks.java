package io.netloom.server.cluster;

/**
 * The PostgreSQL advisory locks by which server processes sharing one database take turns (ADR 0056). Each use has
 * a namespace of its own, the first key of the two-key form {@code pg_advisory_lock(int, int)}. The locks taken with
 * one {@code bigint} key — the hash chain's per account (ADR 0034) and the claims' candidates (ADR 0011) — live in a
 * separate key space in PostgreSQL (pg_locks.objsubid 1 rather than 2), so no namespace here can meet them.
 */
public enum AdvisoryLocks {

    /** Per account, in the transaction of an admin change whose rule spans aggregates (AccountLocks). */
    ACCOUNT_RULES(56_001),
    /** One key: the database steps of the start-up (StartupSequence), one process at a time. */
    START_UP(56_002),
    /** One key: held by the process that runs the once-per-cluster periodic work (PgLeader). */
    LEADER(56_003);

    private final int namespace;

    AdvisoryLocks(int namespace) {
        this.namespace = namespace;
    }

    public int namespace() {
        return namespace;
    }
}
