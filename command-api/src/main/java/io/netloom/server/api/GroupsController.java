package io.netloom.server.api;

import io.netloom.api.netbird.Group;
import io.netloom.api.netbird.GroupRequest;
import io.netloom.api.netbird.Resource;
import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.group.CreateGroupCommand;
import io.netloom.domain.group.DeleteGroupCommand;
import io.netloom.domain.group.UpdateGroupCommand;
import io.netloom.domain.ids.GroupId;
import io.netloom.projections.directory.AccountRecords;
import io.netloom.projections.directory.GroupView;
import io.netloom.server.axon.Commands;
import io.netloom.server.security.Caller;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
            GroupRequests.requireUniqueName(records, name, null);
            GroupRequests.requireResourcesUnchanged(request.resources(), List.of());
            commands.send(new CreateGroupCommand(id, caller.accountId(), name, false,
                    GroupRequests.memberIds(records, request.peers())), Initiators.of(caller));
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
            GroupRequests.Update update = GroupRequests.update(records, group, request);
            commands.send(new UpdateGroupCommand(group.id(), caller.accountId(), update.name(), update.members()),
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
