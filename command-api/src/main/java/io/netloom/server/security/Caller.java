package io.netloom.server.security;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.TokenId;
import io.netloom.domain.ids.UserId;
import io.netloom.domain.user.Role;

/**
 * The authenticated user behind a request: whose account it acts in and with which role.
 *
 * @param token the personal access token the request came with (directly or traded for a JWT), or null for a
 *              person's sign-in session: the history tells a script's changes from the person's
 */
public record Caller(AccountId accountId, UserId userId, Role role, boolean serviceUser, TokenId token) {

    public boolean isAdmin() {
        return role == Role.OWNER || role == Role.ADMIN;
    }

    /** Auditors read the whole account; regular users only what is theirs. */
    public boolean canReadAccount() {
        return isAdmin() || role == Role.AUDITOR;
    }
}
