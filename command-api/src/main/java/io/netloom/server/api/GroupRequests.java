package io.netloom.server.api;

import io.netloom.api.netbird.GroupRequest;
import io.netloom.api.netbird.Resource;
import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.common.Names;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.PeerId;
import io.netloom.projections.directory.AccountRecords;
import io.netloom.projections.directory.GroupView;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * NetBird's group request checked against the caller's account: one reading for /api/groups and for a dry run of
 * a membership change (ADR 0035), so that both mean and refuse the same.
 */
public final class GroupRequests {

    private GroupRequests() {
    }

    /** The group's name and members as an update would set them. */
    public record Update(String name, Set<PeerId> members) {
    }

    /** What updating the group with the request would set; absent {@code peers} keep the members it has. */
    public static Update update(AccountRecords records, GroupView group, GroupRequest request) {
        String name = Required.field(request.name(), "name").trim();
        requireUniqueName(records, name, group.id());
        requireResourcesUnchanged(request.resources(), Networks.resourcesIn(records, group.id()));
        Set<PeerId> members = request.peers() == null ? group.peers() : memberIds(records, request.peers());
        return new Update(name, members);
    }

    /**
     * {@link #update}, and refused wherever the group itself would refuse it, for a dry run that must not show a
     * change the real request could not make.
     */
    public static Update checkedUpdate(AccountRecords records, GroupView group, GroupRequest request) {
        Update update = update(records, group, request);
        if (group.builtIn()) {
            // The Group aggregate's rule: membership of "All" is maintained by the system.
            throw CommandRejectedException.preconditionFailed("the All group cannot be modified");
        }
        Names.requireValid(update.name(), "group name");
        return update;
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
    static void requireResourcesUnchanged(List<Resource> requested, List<Resource> current) {
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

    static void requireUniqueName(AccountRecords records, String name, GroupId self) {
        records.groupNamed(name).filter(other -> !other.id().equals(self)).ifPresent(other -> {
            throw CommandRejectedException.conflict("a group named \"" + name + "\" already exists");
        });
    }
}
