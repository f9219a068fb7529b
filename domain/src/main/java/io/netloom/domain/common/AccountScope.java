package io.netloom.domain.common;

import io.netloom.domain.ids.AccountId;

/**
 * Tenant isolation enforced by the aggregates themselves: an id guessed from another account behaves
 * exactly like an id that does not exist, so nothing about the other account leaks.
 */
public final class AccountScope {

    private AccountScope() {
    }

    public static void requireSameAccount(AccountId owner, AccountId requested, String what) {
        if (!owner.equals(requested)) {
            throw CommandRejectedException.notFound(what + " not found");
        }
    }
}
