package io.netloom.server.scim;

import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.ids.UserId;
import io.netloom.domain.user.BlockUserCommand;
import io.netloom.domain.user.DeleteUserCommand;
import io.netloom.domain.user.OffboardingCause;
import io.netloom.domain.user.ProvisionUserCommand;
import io.netloom.domain.user.RenameUserCommand;
import io.netloom.domain.user.Role;
import io.netloom.domain.user.SetUserExternalIdCommand;
import io.netloom.domain.user.UnblockUserCommand;
import io.netloom.projections.directory.AccountRecords;
import io.netloom.projections.directory.Directory;
import io.netloom.projections.directory.IdentityLink;
import io.netloom.projections.directory.UserView;
import io.netloom.server.api.AccountLocks;
import io.netloom.server.axon.Commands;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import tools.jackson.databind.node.ObjectNode;

/**
 * SCIM Users on Netloom's users (ADR 0026): every person of the client's account, never a service user, never
 * another account's. Deactivation blocks the person with cause SCIM, which cuts every peer of theirs from every map;
 * activation lifts only a block SCIM set. Each request's commands go together or not at all, under the account's lock.
 */
@Service
class ScimUsers {

    static final Map<String, String> FILTERABLE = Map.of("username", "userName", "externalid", "externalId");

    private final Directory directory;
    private final Commands commands;
    private final AccountLocks locks;
    private final ScimRepresentations representations;

    ScimUsers(Directory directory, Commands commands, AccountLocks locks, ScimRepresentations representations) {
        this.directory = directory;
        this.commands = commands;
        this.locks = locks;
        this.representations = representations;
    }

    List<ObjectNode> list(ScimClient client, Optional<ScimFilter> filter) {
        AccountRecords records = records(client);
        return records.users().stream().filter(user -> !user.serviceUser())
                .filter(user -> filter.isEmpty() || matches(records, user, filter.get()))
                .map(user -> representations.user(records, user)).toList();
    }

    ObjectNode get(ScimClient client, String id) {
        AccountRecords records = records(client);
        return representations.user(records, existing(records, id));
    }

    ObjectNode create(ScimClient client, ScimUserDraft draft) {
        AccountRecords records = records(client);
        UserId id = UserId.random();
        locks.withLock(client.accountId(), () -> {
            if (records.users().stream().anyMatch(user -> user.email().equalsIgnoreCase(draft.userName().strip()))) {
                throw ScimException.uniqueness("a user with userName " + draft.userName() + " already exists");
            }
            List<Object> steps = new ArrayList<>();
            steps.add(new ProvisionUserCommand(id, client.accountId(), draft.userName(), draft.name().orElse("")));
            draft.externalId().ifPresent(externalId -> {
                requireUnlinked(client, externalId, id);
                steps.add(new SetUserExternalIdCommand(id, client.accountId(), externalId,
                        client.identityProvider().orElse(null)));
            });
            if (draft.active().equals(Optional.of(false))) {
                steps.add(new BlockUserCommand(id, client.accountId(), OffboardingCause.SCIM));
            }
            commands.sendAtomically(steps, client.initiator());
        });
        return representations.user(records, records.user(id).orElseThrow());
    }

    ObjectNode replace(ScimClient client, String id, ScimUserDraft draft) {
        AccountRecords records = records(client);
        UserView user = locks.withLock(client.accountId(), () -> {
            UserView current = existing(records, id);
            replaced(client, records, current, draft);
            return current;
        });
        return representations.user(records, records.user(user.id()).orElseThrow());
    }

    /** Applied to the user as it is under the account's lock, so that a concurrent change is never undone. */
    ObjectNode patch(ScimClient client, String id, List<ScimPatchOperation> operations) {
        AccountRecords records = records(client);
        UserView user = locks.withLock(client.accountId(), () -> {
            UserView current = existing(records, id);
            replaced(client, records, current, ScimUserPatch.apply(ScimUserDraft.of(records, current), operations,
                    current.id().value()));
            return current;
        });
        // Read once the lock's transaction has committed: the read model shows a change only then (ADR 0056).
        return representations.user(records, records.user(user.id()).orElseThrow());
    }

    private void replaced(ScimClient client, AccountRecords records, UserView current, ScimUserDraft draft) {
        List<Object> steps = changes(client, records, current, draft);
        if (!steps.isEmpty()) {
            commands.sendAtomically(steps, client.initiator());
        }
    }

    void delete(ScimClient client, String id) {
        AccountRecords records = records(client);
        locks.withLock(client.accountId(), () -> {
            UserView user = existing(records, id);
            if (user.role() == Role.OWNER) {
                throw ScimException.status(409, "the account's owner cannot be deleted through SCIM");
            }
            commands.send(new DeleteUserCommand(user.id(), client.accountId(), OffboardingCause.SCIM),
                    client.initiator());
        });
    }

    private List<Object> changes(ScimClient client, AccountRecords records, UserView user, ScimUserDraft draft) {
        if (!draft.userName().strip().equalsIgnoreCase(user.email())) {
            throw ScimException.mutability("userName is the person's email in Netloom and cannot be changed"
                    + " through SCIM (it is " + user.email() + ")");
        }
        List<Object> steps = new ArrayList<>();
        draft.name().filter(name -> !name.strip().equals(user.name()))
                .ifPresent(name -> steps.add(new RenameUserCommand(user.id(), client.accountId(), name)));
        draft.externalId().filter(externalId -> !records.externalIdOf(user.id()).equals(Optional.of(externalId)))
                .ifPresent(externalId -> {
                    requireUnlinked(client, externalId, user.id());
                    steps.add(new SetUserExternalIdCommand(user.id(), client.accountId(), externalId,
                            client.identityProvider().orElse(null)));
                });
        draft.active().ifPresent(active -> {
            if (!active && user.role() == Role.OWNER) {
                throw ScimException.mutability("the account's owner cannot be deactivated through SCIM");
            }
            if (!active && !user.blocked()) {
                steps.add(new BlockUserCommand(user.id(), client.accountId(), OffboardingCause.SCIM));
            }
            if (active && user.blocked()) {
                // Lifts only a block SCIM set: an administrator's block stays, and the answer says so.
                steps.add(new UnblockUserCommand(user.id(), client.accountId(), OffboardingCause.SCIM));
            }
        });
        return steps;
    }

    /** A provider's subject leads to one person: a second user with it would never be found by a sign-in. */
    private void requireUnlinked(ScimClient client, String externalId, UserId self) {
        client.identityProvider().flatMap(provider -> directory.userByIdentity(
                new IdentityLink(client.accountId(), provider, externalId)))
                .filter(linked -> !linked.id().equals(self))
                .ifPresent(linked -> {
                    throw ScimException.uniqueness("externalId " + externalId + " already belongs to user "
                            + linked.id().value());
                });
    }

    private static boolean matches(AccountRecords records, UserView user, ScimFilter filter) {
        return switch (filter.attribute()) {
            case "userName" -> filter.matches(Optional.of(user.email()), false);
            case "externalId" -> filter.matches(records.externalIdOf(user.id()), true);
            default -> false;
        };
    }

    AccountRecords records(ScimClient client) {
        return directory.account(client.accountId())
                .orElseThrow(() -> ScimException.status(401, "the SCIM token's account no longer exists"));
    }

    /** The person with this id in the client's account; 404 for anything else, another account's user included. */
    static UserView existing(AccountRecords records, String id) {
        UserId userId;
        try {
            userId = new UserId(id);
        } catch (CommandRejectedException malformed) {
            throw ScimException.notFound("user " + ScimBodies.shortened(id) + " not found");
        }
        return records.user(userId).filter(user -> !user.serviceUser())
                .orElseThrow(() -> ScimException.notFound("user " + id + " not found"));
    }
}
