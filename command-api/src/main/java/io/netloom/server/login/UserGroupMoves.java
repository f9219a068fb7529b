package io.netloom.server.login;

import io.netloom.domain.group.AddPeerToGroupCommand;
import io.netloom.domain.group.RemovePeerFromGroupCommand;
import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.user.ChangeUserAutoGroupsCommand;
import io.netloom.projections.directory.AccountRecords;
import io.netloom.projections.directory.PeerView;
import io.netloom.projections.directory.UserView;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A person's group membership as NetBird's JWT group sync applies it: the user's auto-groups change, and every
 * peer the person signed in joins the groups the person joined and leaves those the person left. Shared by the
 * sign-in, SCIM and the directory sync, so that a group change moves peers the same way whoever reports it. The
 * commands are meant to be sent atomically, under the account's lock.
 */
public final class UserGroupMoves {

    private UserGroupMoves() {
    }

    /** The commands that put the user, and each of the user's peers, into exactly {@code newAutoGroups}. */
    public static List<Object> to(AccountRecords records, UserView user, Set<GroupId> newAutoGroups) {
        AccountId accountId = records.account().id();
        List<Object> steps = new ArrayList<>();
        steps.add(new ChangeUserAutoGroupsCommand(user.id(), accountId, newAutoGroups));
        steps.addAll(peerMoves(records, user, difference(newAutoGroups, user.autoGroups()),
                difference(user.autoGroups(), newAutoGroups)));
        return steps;
    }

    /** The commands that move each of the user's peers into {@code joined} and out of {@code left}. */
    static List<Object> peerMoves(AccountRecords records, UserView user, Set<GroupId> joined, Set<GroupId> left) {
        AccountId accountId = records.account().id();
        List<Object> steps = new ArrayList<>();
        for (PeerView device : devicesOf(records, user)) {
            joined.forEach(group -> steps.add(new AddPeerToGroupCommand(group, accountId, device.id())));
            left.forEach(group -> steps.add(new RemovePeerFromGroupCommand(group, accountId, device.id())));
        }
        return steps;
    }

    /** The peers the person signed in (never the setup-key peers of keys they created). */
    static List<PeerView> devicesOf(AccountRecords records, UserView user) {
        return records.peers().stream().filter(peer -> user.id().equals(peer.enrolledByUser())).toList();
    }

    private static Set<GroupId> difference(Set<GroupId> from, Set<GroupId> without) {
        Set<GroupId> result = new LinkedHashSet<>(from);
        result.removeAll(without);
        return result;
    }
}
