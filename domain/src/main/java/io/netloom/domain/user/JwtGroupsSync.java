package io.netloom.domain.user;

import io.netloom.domain.common.StableSets;
import io.netloom.domain.group.GroupIssuer;
import io.netloom.domain.ids.GroupId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * How a sign-in's groups claim changes a user's auto-groups, exactly as NetBird's {@code getJWTGroupsChanges}:
 * groups the user got from the API or an integration stay; groups the user got from a claim ("jwt") stay
 * only while the claim still names them; a name in the claim joins the user to the "jwt" group of that name,
 * creating it if no group has the name, and is passed over if an administrator's group already has it.
 */
public final class JwtGroupsSync {

    private JwtGroupsSync() {
    }

    /** A group of the account as the sync needs to know it. */
    public record ExistingGroup(GroupId id, String name, GroupIssuer issued) {
    }

    /** A group the claim brings that no group of the account has the name of yet. */
    public record NewGroup(GroupId id, String name) {
    }

    /**
     * @param groupsToCreate groups to create, issued "jwt", before the user joins them
     * @param autoGroups the user's auto-groups after the sign-in
     * @param joined groups the user (and so each of the user's peers) joins
     * @param left groups the user (and so each of the user's peers) leaves
     */
    public record Plan(List<NewGroup> groupsToCreate, Set<GroupId> autoGroups, Set<GroupId> joined,
            Set<GroupId> left) {

        public static Plan unchanged(Set<GroupId> autoGroups) {
            return new Plan(List.of(), autoGroups, Set.of(), Set.of());
        }
    }

    public static Plan plan(Set<GroupId> currentAutoGroups, Collection<ExistingGroup> groups, List<String> claimNames,
            Supplier<GroupId> newGroupIds) {
        Map<GroupId, ExistingGroup> byId = new HashMap<>();
        Map<String, ExistingGroup> byName = new HashMap<>();
        for (ExistingGroup group : groups) {
            byId.put(group.id(), group);
            byName.put(group.name(), group);
        }
        Set<GroupId> fromApi = new LinkedHashSet<>();
        Map<String, GroupId> fromClaims = new LinkedHashMap<>();
        for (GroupId id : currentAutoGroups) {
            ExistingGroup group = byId.get(id);
            if (group == null) {
                continue;
            }
            if (group.issued() == GroupIssuer.JWT) {
                fromClaims.put(group.name(), id);
            } else {
                fromApi.add(id);
            }
        }
        Set<GroupId> next = new LinkedHashSet<>(fromApi);
        List<NewGroup> toCreate = new ArrayList<>();
        boolean changed = false;
        for (String name : new LinkedHashSet<>(claimNames)) {
            if (fromClaims.containsKey(name)) {
                next.add(fromClaims.get(name));
                continue;
            }
            ExistingGroup existing = byName.get(name);
            if (existing == null) {
                NewGroup created = new NewGroup(newGroupIds.get(), name);
                toCreate.add(created);
                next.add(created.id());
                changed = true;
            } else if (existing.issued() == GroupIssuer.JWT) {
                next.add(existing.id());
                changed = true;
            }
        }
        if (!claimNames.containsAll(fromClaims.keySet())) {
            changed = true;
        }
        if (!changed) {
            return Plan.unchanged(currentAutoGroups);
        }
        Set<GroupId> autoGroups = StableSets.copyOf(next, "auto groups");
        return new Plan(List.copyOf(toCreate), autoGroups, StableSets.difference(autoGroups, currentAutoGroups),
                StableSets.difference(currentAutoGroups, autoGroups));
    }
}
