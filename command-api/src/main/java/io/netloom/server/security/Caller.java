package io.netloom.server.security;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.UserId;
import io.netloom.domain.user.Role;

/** The authenticated user behind a request: whose account it acts in and with which role. */
public record Caller(AccountId accountId, UserId userId, Role role, boolean serviceUser) {

    public boolean isAdmin() {
        return role == Role.OWNER || role == Role.ADMIN;
    }

    /** Auditors read the whole account; regular users only what is theirs. */
    public boolean canReadAccount() {
        return isAdmin() || role == Role.AUDITOR;
    }
}
