package io.netloom.server.audit.history;

import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.ids.PolicyId;
import io.netloom.domain.ids.RouteId;
import io.netloom.domain.ids.UserId;
import io.netloom.domain.route.RouteDefinition;
import io.netloom.projections.directory.AccountRecords;
import io.netloom.projections.directory.GroupView;
import io.netloom.projections.directory.PolicyView;
import io.netloom.projections.directory.UserView;
import io.netloom.projections.history.AccountState;
import io.netloom.projections.networkmap.RouteSpec;
import io.netloom.server.api.ControlPlaneAddresses;
import io.netloom.server.api.GroupRequests;
import io.netloom.server.api.PolicyRules;
import io.netloom.server.api.RouteDefinitions;
import io.netloom.server.api.UserRequests;
import io.netloom.server.security.Caller;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Applies a dry run's changes to a copy of the account's model: each read by the same code its real endpoint
 * uses (and refused where that endpoint or its aggregate would refuse it, the message prefixed with the change's
 * index), then applied through the {@code AccountModel} calls the events it would record lead to in
 * {@code NetworkMapProjection}.
 */
@Component
public class ProposedChanges {

    private final ControlPlaneAddresses controlPlane;

    public ProposedChanges(ControlPlaneAddresses controlPlane) {
        this.controlPlane = controlPlane;
    }

    public void applyAll(AccountRecords records, Caller caller, List<ProposedChange> changes, AccountState state) {
        Deleted deleted = new Deleted(new HashSet<>(), new HashSet<>());
        for (int index = 0; index < changes.size(); index++) {
            try {
                apply(records, caller, changes.get(index), state, deleted);
            } catch (CommandRejectedException refused) {
                throw new CommandRejectedException(refused.reason(), "changes[" + index + "]: " + refused.getMessage());
            }
        }
    }

    /** What earlier changes of the same dry run deleted: a later change naming it finds it gone, as it would. */
    private record Deleted(Set<PolicyId> policies, Set<RouteId> routes) {
    }

    private void apply(AccountRecords records, Caller caller, ProposedChange change, AccountState state,
            Deleted deleted) {
        if (change == null) {
            throw CommandRejectedException.invalid("a change must be an object");
        }
        switch (required(change.op(), "op")) {
            case "create_policy" -> state.putPolicy(PolicyId.random(),
                    PolicyRules.spec(records, required(change.policy(), "policy"), Optional.empty()));
            case "update_policy" -> {
                PolicyView policy = policy(records, change, deleted);
                state.putPolicy(policy.id(),
                        PolicyRules.spec(records, required(change.policy(), "policy"), Optional.of(policy)));
            }
            case "delete_policy" -> {
                PolicyView policy = policy(records, change, deleted);
                state.removePolicy(policy.id());
                deleted.policies().add(policy.id());
            }
            case "update_group" -> updateGroup(records, change, state);
            case "create_route" -> {
                RouteId id = RouteId.random();
                state.putRoute(id, RouteSpec.of(id, route(records, change, Optional.empty())));
            }
            case "update_route" -> {
                RouteId id = existingRoute(records, change, deleted);
                state.putRoute(id, RouteSpec.of(id, route(records, change, Optional.of(id))));
            }
            case "delete_route" -> {
                RouteId id = existingRoute(records, change, deleted);
                state.removeRoute(id);
                deleted.routes().add(id);
            }
            case "update_user" -> updateUser(records, caller, change, state);
            default -> throw CommandRejectedException.invalid("op must be one of create_policy, update_policy,"
                    + " delete_policy, update_group, create_route, update_route, delete_route, update_user");
        }
    }

    /** The group's members become the requested ones: what PeersAdded- and PeersRemovedFromGroup would do. */
    private static void updateGroup(AccountRecords records, ProposedChange change, AccountState state) {
        GroupView group = records.group(new GroupId(required(change.id(), "id")))
                .orElseThrow(() -> CommandRejectedException.notFound("group not found"));
        Set<PeerId> wanted = GroupRequests.checkedUpdate(records, group, required(change.group(), "group")).members();
        Set<PeerId> current = new LinkedHashSet<>(state.membersOf(group.id()).keySet());
        Set<PeerId> leaving = new LinkedHashSet<>(current);
        leaving.removeAll(wanted);
        Set<PeerId> joining = new LinkedHashSet<>(wanted);
        joining.removeAll(current);
        state.removeFromGroup(group.id(), leaving);
        state.addToGroup(group.id(), joining);
    }

    /**
     * A block is what UserBlocked does to the maps: the user's peers leave every map. The live side also ends
     * those peers' sessions, which changes no map (they are already in none, and theirs is empty).
     */
    private static void updateUser(AccountRecords records, Caller caller, ProposedChange change, AccountState state) {
        UserView user = records.user(new UserId(required(change.id(), "id")))
                .orElseThrow(() -> CommandRejectedException.notFound("user not found"));
        if (UserRequests.checkedUpdate(records, caller, user, required(change.user(), "user")).blocked()) {
            state.blockUser(user.id());
        } else {
            state.unblockUser(user.id());
        }
    }

    private RouteDefinition route(AccountRecords records, ProposedChange change, Optional<RouteId> self) {
        return RouteDefinitions.checked(records, controlPlane, required(change.route(), "route"), self);
    }

    private static PolicyView policy(AccountRecords records, ProposedChange change, Deleted deleted) {
        return records.policy(new PolicyId(required(change.id(), "id")))
                .filter(policy -> !deleted.policies().contains(policy.id()))
                .orElseThrow(() -> CommandRejectedException.notFound("policy not found"));
    }

    private static RouteId existingRoute(AccountRecords records, ProposedChange change, Deleted deleted) {
        return records.route(new RouteId(required(change.id(), "id")))
                .filter(route -> !deleted.routes().contains(route.id()))
                .orElseThrow(() -> CommandRejectedException.notFound("route not found")).id();
    }

    private static <T> T required(T value, String field) {
        if (value == null) {
            throw CommandRejectedException.invalid(field + " is required");
        }
        return value;
    }
}
