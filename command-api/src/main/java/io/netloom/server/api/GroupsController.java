package io.netloom.server.api;

import io.netloom.api.netbird.Group;
import io.netloom.api.netbird.GroupRequest;
import io.netloom.api.netbird.Resource;
import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.group.CreateGroupCommand;
import io.netloom.domain.group.DeleteGroupCommand;
import io.netloom.domain.group.UpdateGroupCommand;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.PeerId;
import io.netloom.projections.directory.AccountRecords;
import io.netloom.projections.directory.GroupView;
import io.netloom.server.axon.Commands;
import io.netloom.server.security.Caller;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** NetBird's /api/groups: unique names per account, members must be peers of the account. */
@RestController
@RequestMapping("/api/groups")
public class GroupsController {

    private final CallerAccounts accounts;
    private final Commands commands;
    private final AccountLocks locks;

    public GroupsController(CallerAccounts accounts, Commands commands, AccountLocks locks) {
        this.accounts = accounts;
        this.commands = commands;
        this.locks = locks;
    }

    /**
     * Every group, or with {@code name} only the group of exactly that name (NetBird answers a name
     * nobody has with 404, so a script looking a group up by name never gets some other group).
     */
    @GetMapping
    public List<Group> list(@AuthenticationPrincipal Caller caller,
            @RequestParam(name = "name", required = false) String name) {
        Access.requireAccountReader(caller);
        AccountRecords records = accounts.of(caller);
        Optional<String> wanted = QueryFilters.text("name", name);
        if (wanted.isPresent()) {
            GroupView named = records.groupNamed(wanted.get())
                    .orElseThrow(() -> CommandRejectedException.notFound("group not found"));
            return List.of(toGroup(named, records));
        }
        return records.groups().stream().map(group -> toGroup(group, records)).toList();
    }

    @GetMapping("/{groupId}")
    public Group get(@AuthenticationPrincipal Caller caller, @PathVariable String groupId) {
        Access.requireAccountReader(caller);
        AccountRecords records = accounts.of(caller);
        return toGroup(existing(records, groupId), records);
    }

    @PostMapping
    public Group create(@AuthenticationPrincipal Caller caller, @RequestBody GroupRequest request) {
        Access.requireAdmin(caller);
        AccountRecords records = accounts.of(caller);
        GroupId id = GroupId.random();
        locks.withLock(caller.accountId(), () -> {
            String name = Required.field(request.name(), "name").trim();
            requireUniqueName(records, name, null);
            requireResourcesUnchanged(request.resources(), List.of());
            commands.send(new CreateGroupCommand(id, caller.accountId(), name, false,
                    memberIds(records, request.peers())), Initiators.of(caller));
        });
        return toGroup(records.group(id).orElseThrow(), records);
    }

    @PutMapping("/{groupId}")
    public Group update(@AuthenticationPrincipal Caller caller, @PathVariable String groupId,
            @RequestBody GroupRequest request) {
        Access.requireAdmin(caller);
        AccountRecords records = accounts.of(caller);
        GroupView group = existing(records, groupId);
        locks.withLock(caller.accountId(), () -> {
            String name = Required.field(request.name(), "name").trim();
            requireUniqueName(records, name, group.id());
            requireResourcesUnchanged(request.resources(), Networks.resourcesIn(records, group.id()));
            Set<PeerId> members = request.peers() == null ? group.peers() : memberIds(records, request.peers());
            commands.send(new UpdateGroupCommand(group.id(), caller.accountId(), name, members),
                    Initiators.of(caller));
        });
        return toGroup(records.group(group.id()).orElseThrow(), records);
    }

    @DeleteMapping("/{groupId}")
    public Map<String, Object> delete(@AuthenticationPrincipal Caller caller, @PathVariable String groupId) {
        Access.requireAdmin(caller);
        AccountRecords records = accounts.of(caller);
        GroupView group = existing(records, groupId);
        locks.withLock(caller.accountId(), () -> {
            List<String> references = records.referencesTo(group.id());
            if (!references.isEmpty()) {
                throw CommandRejectedException.preconditionFailed(
                        "group \"" + group.name() + "\" is still used by " + String.join(", ", references));
            }
            commands.send(new DeleteGroupCommand(group.id(), caller.accountId()), Initiators.of(caller));
        });
        return Map.of();
    }

    static Set<PeerId> memberIds(AccountRecords records, List<String> peerIds) {
        Set<PeerId> members = new LinkedHashSet<>();
        for (String raw : peerIds == null ? List.<String>of() : peerIds) {
            PeerId id = new PeerId(raw);
            if (records.peer(id).isEmpty()) {
                throw CommandRejectedException.invalid("peer " + raw + " does not exist");
            }
            members.add(id);
        }
        return members;
    }

    /**
     * A network resource chooses its groups itself ({@code /api/networks/{id}/resources}), so a group request may
     * only repeat the resources the group already has: a script that reads a group and writes it back works, and
     * an attempt to move resources this way is refused rather than silently ignored.
     */
    private static void requireResourcesUnchanged(List<Resource> requested, List<Resource> current) {
        if (requested == null) {
            return;
        }
        Set<String> requestedIds = new LinkedHashSet<>();
        requested.forEach(resource -> requestedIds.add(resource == null ? null : resource.id()));
        Set<String> currentIds = new LinkedHashSet<>();
        current.forEach(resource -> currentIds.add(resource.id()));
        if (!requestedIds.equals(currentIds)) {
            throw CommandRejectedException.invalid("a group's resources are set on the resources themselves "
                    + "(PUT /api/networks/{networkId}/resources/{resourceId} with its groups), not on the group");
        }
    }

    private static void requireUniqueName(AccountRecords records, String name, GroupId self) {
        records.groupNamed(name).filter(other -> !other.id().equals(self)).ifPresent(other -> {
            throw CommandRejectedException.conflict("a group named \"" + name + "\" already exists");
        });
    }

    private static GroupView existing(AccountRecords records, String groupId) {
        return records.group(new GroupId(groupId))
                .orElseThrow(() -> CommandRejectedException.notFound("group not found"));
    }

    private static Group toGroup(GroupView group, AccountRecords records) {
        List<Resource> resources = Networks.resourcesIn(records, group.id());
        return new Group(group.id().value(), group.name(), group.peers().size(), resources.size(),
                group.issued().wireName(),
                group.peers().stream().map(records::peer).flatMap(java.util.Optional::stream)
                        .map(NetbirdViews::peerMinimum).toList(),
                resources);
    }
}
