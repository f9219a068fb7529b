package io.netloom.projections.directory;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.UserId;
import io.netloom.domain.user.Role;
import java.time.Instant;
import java.util.Set;

public record UserView(
        UserId id,
        AccountId accountId,
        String email,
        String name,
        Role role,
        boolean serviceUser,
        Set<GroupId> autoGroups,
        boolean blocked,
        Instant createdAt) {

    UserView withRole(Role newRole) {
        return new UserView(id, accountId, email, name, newRole, serviceUser, autoGroups, blocked, createdAt);
    }

    UserView withAutoGroups(Set<GroupId> groups) {
        return new UserView(id, accountId, email, name, role, serviceUser, groups, blocked, createdAt);
    }

    UserView withBlocked(boolean isBlocked) {
        return new UserView(id, accountId, email, name, role, serviceUser, autoGroups, isBlocked, createdAt);
    }
}
