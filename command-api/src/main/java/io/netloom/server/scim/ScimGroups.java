package io.netloom.server.scim;

import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.group.CreateGroupCommand;
import io.netloom.domain.group.DeleteGroupCommand;
import io.netloom.domain.group.GroupIssuer;
import io.netloom.domain.group.SetGroupExternalIdCommand;
import io.netloom.domain.group.UpdateGroupCommand;
import io.netloom.domain.ids.GroupId;
import io.netloom.projections.directory.AccountRecords;
import io.netloom.projections.directory.GroupView;
import io.netloom.projections.directory.UserView;
import io.netloom.server.api.AccountLocks;
import io.netloom.server.axon.Commands;
import io.netloom.server.login.UserGroupMoves;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;
import tools.jackson.databind.node.ObjectNode;

/**
 * SCIM Groups on Netloom's groups (ADR 0026), the built-in All group excepted. A member is a person whose
 * auto-groups hold the group; joining or leaving moves the person and every peer they signed in, exactly as a JWT
 * group sync does ({@link UserGroupMoves}). Names are unique per account, and a group still used by a policy, a
 * setup key or a service user cannot be deleted, as with NetBird's groups API.
 */
@Service
class ScimGroups {

    static final Map<String, String> FILTERABLE = Map.of("displayname", "displayName", "externalid", "externalId");

    private final Commands commands;
    private final AccountLocks locks;
    private final ScimRepresentations representations;
    private final ScimUsers users;

    ScimGroups(Commands commands, AccountLocks locks, ScimRepresentations representations, ScimUsers users) {
        this.commands = commands;
        this.locks = locks;
        this.representations = representations;
        this.users = users;
    }

    List<ObjectNode> list(ScimClient client, Optional<ScimFilter> filter) {
        AccountRecords records = users.records(client);
        return records.groups().stream().filter(group -> !group.builtIn())
                .filter(group -> filter.isEmpty() || matches(records, group, filter.get()))
                .map(group -> representations.group(records, group)).toList();
    }

    ObjectNode get(ScimClient client, String id) {
        AccountRecords records = users.records(client);
        return representations.group(records, existing(records, id));
    }

    ObjectNode create(ScimClient client, ScimGroupDraft draft) {
        AccountRecords records = users.records(client);
        GroupId id = GroupId.random();
        locks.withLock(client.accountId(), () -> {
            String name = draft.displayName().strip();
            requireUniqueName(records, name, null);
            List<Object> steps = new ArrayList<>();
            steps.add(new CreateGroupCommand(id, client.accountId(), name, false, Set.of(), GroupIssuer.INTEGRATION));
            draft.externalId().ifPresent(externalId ->
                    steps.add(new SetGroupExternalIdCommand(id, client.accountId(), externalId)));
            steps.addAll(membershipMoves(records, id, Set.of(), draft.currentMembers()));
            commands.sendAtomically(steps, client.initiator());
        });
        return representations.group(records, records.group(id).orElseThrow());
    }

    ObjectNode replace(ScimClient client, String id, ScimGroupDraft draft) {
        AccountRecords records = users.records(client);
        GroupId groupId = locks.withLock(client.accountId(),
                () -> replaced(client, records, existing(records, id), draft));
        return representations.group(records, records.group(groupId).orElseThrow());
    }

    /** Applied to the group as it is under the account's lock, so that a concurrent change is never undone. */
    ObjectNode patch(ScimClient client, String id, List<ScimPatchOperation> operations) {
        AccountRecords records = users.records(client);
        GroupId groupId = locks.withLock(client.accountId(), () -> {
            GroupView group = existing(records, id);
            return replaced(client, records, group, ScimGroupPatch.apply(ScimGroupDraft.of(records, group), operations,
                    group.id().value()));
        });
        // Read once the lock's transaction has committed: the read model shows a change only then (ADR 0056).
        return representations.group(records, records.group(groupId).orElseThrow());
    }

    private GroupId replaced(ScimClient client, AccountRecords records, GroupView group, ScimGroupDraft draft) {
        List<Object> steps = new ArrayList<>();
        String name = draft.displayName().strip();
        if (!name.equals(group.name())) {
            requireUniqueName(records, name, group.id());
            // Renamed first: the renaming restates the peers, which the moves below then change.
            steps.add(new UpdateGroupCommand(group.id(), client.accountId(), name, group.peers()));
        }
        draft.externalId().filter(externalId -> !records.externalIdOf(group.id()).equals(Optional.of(externalId)))
                .ifPresent(externalId ->
                        steps.add(new SetGroupExternalIdCommand(group.id(), client.accountId(), externalId)));
        draft.members().ifPresent(members -> steps.addAll(membershipMoves(records, group.id(),
                memberIds(records, group.id()), members)));
        if (!steps.isEmpty()) {
            commands.sendAtomically(steps, client.initiator());
        }
        return group.id();
    }

    void delete(ScimClient client, String id) {
        AccountRecords records = users.records(client);
        locks.withLock(client.accountId(), () -> {
            GroupView group = existing(records, id);
            List<String> references = referencesBesidesMembers(records, group.id());
            if (!references.isEmpty()) {
                throw ScimException.status(409, "group \"" + group.name() + "\" is still used by "
                        + String.join(", ", references));
            }
            List<Object> steps = new ArrayList<>(membershipMoves(records, group.id(), memberIds(records, group.id()),
                    Set.of()));
            steps.add(new DeleteGroupCommand(group.id(), client.accountId()));
            commands.sendAtomically(steps, client.initiator());
        });
    }

    /** The commands that make exactly {@code wanted} the group's members, each move as a JWT group sync makes it. */
    private static List<Object> membershipMoves(AccountRecords records, GroupId group, Set<String> current,
            Set<String> wanted) {
        List<Object> steps = new ArrayList<>();
        for (String id : wanted) {
            if (!current.contains(id)) {
                UserView user = member(records, id);
                Set<GroupId> groups = new LinkedHashSet<>(user.autoGroups());
                groups.add(group);
                steps.addAll(UserGroupMoves.to(records, user, groups));
            }
        }
        for (String id : current) {
            if (!wanted.contains(id)) {
                UserView user = member(records, id);
                Set<GroupId> groups = new LinkedHashSet<>(user.autoGroups());
                groups.remove(group);
                steps.addAll(UserGroupMoves.to(records, user, groups));
            }
        }
        return steps;
    }

    private static UserView member(AccountRecords records, String id) {
        try {
            return ScimUsers.existing(records, id);
        } catch (ScimException notAUser) {
            throw ScimException.invalidValue("member " + ScimBodies.shortened(id) + " is not a user of this account");
        }
    }

    private static Set<String> memberIds(AccountRecords records, GroupId group) {
        Set<String> ids = new LinkedHashSet<>();
        ScimRepresentations.membersOf(records, group).forEach(user -> ids.add(user.id().value()));
        return ids;
    }

    /** NetBird's rule for deleting a group, except that SCIM's own members leave it as part of the deletion. */
    private static List<String> referencesBesidesMembers(AccountRecords records, GroupId group) {
        List<String> references = new ArrayList<>();
        records.policies().stream().filter(policy -> policy.references(group))
                .forEach(policy -> references.add("policy \"" + policy.name() + "\""));
        records.setupKeys().stream().filter(key -> key.autoGroups().contains(group))
                .forEach(key -> references.add("setup key \"" + key.name() + "\""));
        records.users().stream().filter(user -> user.serviceUser() && user.autoGroups().contains(group))
                .forEach(user -> references.add("service user \"" + user.name() + "\" auto-groups"));
        return references;
    }

    private static void requireUniqueName(AccountRecords records, String name, GroupId self) {
        records.groupNamed(name).filter(other -> !other.id().equals(self)).ifPresent(other -> {
            throw ScimException.uniqueness("a group named \"" + name + "\" already exists");
        });
    }

    private static boolean matches(AccountRecords records, GroupView group, ScimFilter filter) {
        return switch (filter.attribute()) {
            case "displayName" -> filter.matches(Optional.of(group.name()), true);
            case "externalId" -> filter.matches(records.externalIdOf(group.id()), true);
            default -> false;
        };
    }

    private static GroupView existing(AccountRecords records, String id) {
        GroupId groupId;
        try {
            groupId = new GroupId(id);
        } catch (CommandRejectedException malformed) {
            throw ScimException.notFound("group " + ScimBodies.shortened(id) + " not found");
        }
        return records.group(groupId).filter(group -> !group.builtIn())
                .orElseThrow(() -> ScimException.notFound("group " + id + " not found"));
    }
}
