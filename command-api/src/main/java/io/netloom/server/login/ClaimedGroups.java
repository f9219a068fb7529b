package io.netloom.server.login;

import io.netloom.domain.account.JwtGroupsSettings;
import io.netloom.domain.group.CreateGroupCommand;
import io.netloom.domain.group.GroupIssuer;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.user.GroupsClaim;
import io.netloom.domain.user.JwtGroupsSync;
import io.netloom.projections.directory.AccountRecords;
import io.netloom.projections.directory.UserView;
import java.util.List;
import java.util.Set;

/**
 * Group names an identity provider reports for a person (a sign-in's groups claim, a directory listing) turned into
 * the person's groups as NetBird's JWT group sync does (ADR 0021), against the account's current groups. Shared so
 * that a name means the same group whoever reports it. Call under the account's lock: whether a group of a name
 * exists is read from the read model.
 */
public final class ClaimedGroups {

    private ClaimedGroups() {
    }

    /** The plan; unchanged when the account does not sync JWT groups or the claim was ignored. */
    public static JwtGroupsSync.Plan plan(AccountRecords records, UserView user, GroupsClaim claim) {
        JwtGroupsSettings settings = records.account().settings().jwtGroups();
        if (!settings.syncsGroups() || claim.isIgnored()) {
            return JwtGroupsSync.Plan.unchanged(user.autoGroups());
        }
        List<JwtGroupsSync.ExistingGroup> groups = records.groups().stream()
                .map(group -> new JwtGroupsSync.ExistingGroup(group.id(), group.name(), group.issued()))
                .toList();
        return JwtGroupsSync.plan(user.autoGroups(), groups, claim.names(), GroupId::random);
    }

    /** The commands creating the groups the plan needs, issued "jwt", to send before the user joins them. */
    public static List<Object> creations(AccountRecords records, JwtGroupsSync.Plan plan) {
        return plan.groupsToCreate().stream()
                .<Object>map(group -> new CreateGroupCommand(group.id(), records.account().id(), group.name(), false,
                        Set.of(), GroupIssuer.JWT))
                .toList();
    }
}
