package io.netloom.server.claims;

/**
 * A value a command gives a peer is already held by another peer: the transaction that would have
 * stored the command's events is rolled back. The caller decides what the caller's caller sees
 * (a retry with another candidate, a 409, or, for a key of another account, the refusal a stranger gets).
 */
public final class ClaimConflictException extends RuntimeException {

    private final ClaimKind kind;

    public ClaimConflictException(ClaimKind kind) {
        super(kind.column() + " is already held by another peer", null, false, false);
        this.kind = kind;
    }

    public ClaimKind kind() {
        return kind;
    }
}
