package io.netloom.server.api;

import io.netloom.api.netbird.UserRequest;
import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.user.Role;
import io.netloom.domain.user.User;
import io.netloom.projections.directory.AccountRecords;
import io.netloom.projections.directory.UserView;
import io.netloom.server.security.Caller;
import java.util.List;
import java.util.Set;

/**
 * NetBird's user update request checked against the caller's account: one reading for /api/users and for a dry
 * run of a block or unblock (ADR 0035), so that both mean and refuse the same.
 */
public final class UserRequests {

    private UserRequests() {
    }

    public record Update(Role role, Set<GroupId> autoGroups, boolean blocked) {
    }

    /** What updating the user with the request would set; nobody blocks themselves or changes their own role. */
    public static Update update(AccountRecords records, Caller caller, UserView user, UserRequest request) {
        Role role = Role.fromWireName(Required.field(request.role(), "role"));
        boolean blocked = Required.field(request.isBlocked(), "is_blocked");
        List<String> autoGroups = Required.field(request.autoGroups(), "auto_groups");
        if (user.id().equals(caller.userId()) && (blocked || role != user.role())) {
            throw CommandRejectedException.permissionDenied("you cannot block yourself or change your own role");
        }
        return new Update(role, ExistingGroups.require(records, autoGroups), blocked);
    }

    /**
     * {@link #update}, and refused wherever the user itself would refuse it, for a dry run that must not show a
     * change the real request could not make.
     */
    public static Update checkedUpdate(AccountRecords records, Caller caller, UserView user, UserRequest request) {
        Update update = update(records, caller, user, request);
        User.requireAllowedUpdate(user.role(), update.role(), update.blocked());
        return update;
    }
}
