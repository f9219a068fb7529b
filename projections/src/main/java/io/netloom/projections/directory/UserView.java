package io.netloom.projections.directory;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.UserId;
import io.netloom.domain.user.OffboardingCause;
import io.netloom.domain.user.Role;
import io.netloom.domain.user.UserIssuer;
import java.time.Instant;
import java.util.Set;

/**
 * A user; {@code lastLogin} is null until the person first signs in; {@code issued} says whether the API or a
 * sign-in through an upstream provider made it; {@code blockedBy} is null unless the user is blocked, and then
 * says which authority blocked them (an automated one lifts only its own blocks, so it needs to know).
 */
public record UserView(
        UserId id,
        AccountId accountId,
        String email,
        String name,
        Role role,
        boolean serviceUser,
        Set<GroupId> autoGroups,
        OffboardingCause blockedBy,
        Instant createdAt,
        Instant lastLogin,
        UserIssuer issued) {

    UserView withRole(Role newRole) {
        return new UserView(id, accountId, email, name, newRole, serviceUser, autoGroups, blockedBy, createdAt, lastLogin, issued);
    }

    UserView withAutoGroups(Set<GroupId> groups) {
        return new UserView(id, accountId, email, name, role, serviceUser, groups, blockedBy, createdAt, lastLogin, issued);
    }

    public boolean blocked() {
        return blockedBy != null;
    }

    UserView withBlockedBy(OffboardingCause cause) {
        return new UserView(id, accountId, email, name, role, serviceUser, autoGroups, cause, createdAt, lastLogin, issued);
    }

    UserView withName(String newName) {
        return new UserView(id, accountId, email, newName, role, serviceUser, autoGroups, blockedBy, createdAt, lastLogin, issued);
    }

    UserView withLastLogin(Instant at) {
        return new UserView(id, accountId, email, name, role, serviceUser, autoGroups, blockedBy, createdAt, at, issued);
    }
}
