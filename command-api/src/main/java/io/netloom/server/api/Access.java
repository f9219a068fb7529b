package io.netloom.server.api;

import io.netloom.domain.common.CommandRejectedException;
import io.netloom.server.security.Caller;

/** Role rules shared by the controllers: owners and admins change things, auditors read everything. */
final class Access {

    private Access() {
    }

    static void requireAdmin(Caller caller) {
        if (!caller.isAdmin()) {
            throw CommandRejectedException.permissionDenied("only the account's owner or admins may do this");
        }
    }

    static void requireAccountReader(Caller caller) {
        if (!caller.canReadAccount()) {
            throw CommandRejectedException.permissionDenied("only owners, admins and auditors may read this");
        }
    }
}
