package io.netloom.server.directorysync;

import io.netloom.domain.user.GroupsClaim;
import io.netloom.domain.user.OffboardingCause;
import io.netloom.domain.user.Role;
import io.netloom.projections.directory.UserView;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * What a directory's state means for the Netloom users its people signed in as (pure): a person disabled or gone
 * there is blocked here; a person enabled again is unblocked, if it was the sync that blocked them (an admin's or
 * another authority's block stays); with group sync on, the person's directory groups are their groups claim.
 * Only changes come out: a steady state yields nothing but the claims, whose plan is empty when nothing moved.
 * Groups are synced only from a snapshot that read them (the account's setting may have changed since the read).
 */
public final class DirectoryReconciliation {

    private DirectoryReconciliation() {
    }

    /** A Netloom user and the provider's subject it is linked to. */
    public record LinkedUser(String subject, UserView user) {
    }

    public enum Access { UNCHANGED, BLOCK, UNBLOCK }

    /**
     * @param groups the person's directory groups as a claim, to sync; empty when groups are not synced or the
     *     person no longer exists
     */
    public record Change(UserView user, Access access, Optional<GroupsClaim> groups) {
    }

    public static List<Change> changes(Collection<LinkedUser> linked, DirectorySnapshot snapshot, boolean syncGroups) {
        List<Change> changes = new ArrayList<>();
        for (LinkedUser link : linked) {
            UserView user = link.user();
            Optional<DirectoryPerson> person = snapshot.person(link.subject());
            boolean active = person.map(DirectoryPerson::enabled).orElse(false);
            Access access = accessChange(user, active);
            Optional<GroupsClaim> groups = syncGroups && snapshot.groupsRead()
                    ? person.map(found -> GroupsClaim.of(found.groups()))
                    : Optional.empty();
            if (access != Access.UNCHANGED || groups.isPresent()) {
                changes.add(new Change(user, access, groups));
            }
        }
        return changes;
    }

    private static Access accessChange(UserView user, boolean activeInDirectory) {
        if (!activeInDirectory) {
            // The owner cannot be blocked (the domain refuses): the directory cannot lock the account out.
            return user.blocked() || user.role() == Role.OWNER ? Access.UNCHANGED : Access.BLOCK;
        }
        return user.blockedBy() == OffboardingCause.DIRECTORY_SYNC ? Access.UNBLOCK : Access.UNCHANGED;
    }
}
