package io.netloom.domain.common;

/** Why a command was refused; mirrors NetBird's status types so the API answers with the same codes. */
public enum RejectionReason {
    /** 422: a value is malformed or out of range. */
    INVALID_ARGUMENT,
    /** 404: the target does not exist in the caller's account. */
    NOT_FOUND,
    /** 409: a name, address or key is taken. */
    ALREADY_EXISTS,
    /** 412: the target is in a state that forbids the change (revoked key, group still referenced). */
    PRECONDITION_FAILED,
    /** 403: the caller's role does not allow the change. */
    PERMISSION_DENIED
}
