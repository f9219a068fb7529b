package io.netloom.domain.user;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import io.netloom.domain.common.AccountScope;
import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.common.Hashes;
import io.netloom.domain.common.Names;
import io.netloom.domain.common.Required;
import io.netloom.domain.common.StableSets;
import io.netloom.domain.common.Texts;
import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.TokenId;
import io.netloom.domain.ids.UserId;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;

/**
 * A person or service user of one account, with its role and personal access tokens.
 *
 * <p>Snapshotted (ADR 0052): its fields are its snapshot. Whoever changes a field raises the revision, so that
 * snapshots of the old shape are ignored and the aggregate is rebuilt from its events.
 */
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
@Revision("1")
public class User {

    @AggregateIdentifier
    private UserId userId;
    private AccountId accountId;
    private Role role;
    private Set<GroupId> autoGroups;
    /** Who blocked the user, or null while the user is not blocked. */
    private OffboardingCause blockedBy;
    private boolean serviceUser;
    private String name;
    /** What the provisioning client knows the person as, {@code provider + " " + externalId}. */
    private String externalIdentity = " ";
    private final Set<TokenId> tokens = new HashSet<>();
    /** The providers' subjects this person has signed in as, {@code provider + " " + subject}. */
    private final Set<String> linkedIdentities = new HashSet<>();

    public User() {
        // Required by Axon to construct an empty instance before replaying its events.
    }

    @CommandHandler
    public User(CreateUserCommand command) {
        Required.present(command.accountId(), "account");
        Required.present(command.role(), "role");
        String email;
        String name;
        if (command.serviceUser()) {
            // Service users are machines: they are known by name and have no mailbox.
            name = Names.requireValid(command.name(), "service user name");
            email = EmailAddresses.optional(command.email());
        } else {
            name = Names.optional(command.name(), "user name");
            email = EmailAddresses.requireValid(command.email());
        }
        apply(new UserCreatedEvent(command.userId(), command.accountId(), email, name, command.role(),
                command.serviceUser(), StableSets.copyOf(command.autoGroups(), "auto groups"), UserIssuer.API));
    }

    /** A person's first sign-in through an upstream provider creates them, linked to the provider's subject. */
    @CommandHandler
    public User(CreateFederatedUserCommand command) {
        Required.present(command.accountId(), "account");
        Instant at = Required.present(command.signedInAt(), "sign-in time");
        String provider = identityText(command.identityProvider(), "identity provider", 1024);
        String subject = identityText(command.subject(), "subject", 255);
        String email = EmailAddresses.optional(command.email());
        String name = Names.optional(command.name(), "user name");
        apply(new UserCreatedEvent(command.userId(), command.accountId(), email, name, Role.USER, false, Set.of(),
                UserIssuer.INTEGRATION));
        apply(new UserSignedInEvent(command.userId(), command.accountId(), provider, subject, true, at));
    }

    /** A person a SCIM client pushed; whether they may sign in is up to the client's {@code active} (ADR 0026). */
    @CommandHandler
    public User(ProvisionUserCommand command) {
        Required.present(command.accountId(), "account");
        String email = EmailAddresses.requireValid(command.email());
        String name = Names.optional(command.name(), "user name");
        apply(new UserCreatedEvent(command.userId(), command.accountId(), email, name, Role.USER, false, Set.of(),
                UserIssuer.INTEGRATION));
    }

    @CommandHandler
    public void handle(SetUserExternalIdCommand command) {
        requireSameAccount(command.accountId());
        String externalId = identityText(command.externalId(), "external id", 255);
        String provider = command.identityProvider() == null ? ""
                : identityText(command.identityProvider(), "identity provider", 1024);
        if (serviceUser) {
            throw CommandRejectedException.preconditionFailed("a service user is not provisioned");
        }
        if (!externalIdentity.equals(provider + " " + externalId)) {
            apply(new UserExternalIdSetEvent(userId, accountId, externalId, provider));
        }
    }

    @CommandHandler
    public void handle(RenameUserCommand command) {
        requireSameAccount(command.accountId());
        String newName = serviceUser ? Names.requireValid(command.name(), "service user name")
                : Names.optional(command.name(), "user name");
        if (!newName.equals(name)) {
            apply(new UserRenamedEvent(userId, accountId, newName));
        }
    }

    @CommandHandler
    public void handle(UpdateUserCommand command) {
        requireSameAccount(command.accountId());
        Role newRole = Required.present(command.role(), "role");
        Set<GroupId> newAutoGroups = StableSets.copyOf(command.autoGroups(), "auto groups");
        requireAllowedUpdate(role, newRole, false);
        if (newRole != role) {
            apply(new UserRoleChangedEvent(userId, accountId, newRole));
        }
        if (!newAutoGroups.equals(autoGroups)) {
            apply(new UserAutoGroupsChangedEvent(userId, accountId, newAutoGroups));
        }
        if (command.blocked()) {
            block(OffboardingCause.ADMIN);
        } else {
            unblock(OffboardingCause.ADMIN);
        }
    }

    @CommandHandler
    public void handle(ChangeUserAutoGroupsCommand command) {
        requireSameAccount(command.accountId());
        Set<GroupId> newAutoGroups = StableSets.copyOf(command.autoGroups(), "auto groups");
        if (!newAutoGroups.equals(autoGroups)) {
            apply(new UserAutoGroupsChangedEvent(userId, accountId, newAutoGroups));
        }
    }

    @CommandHandler
    public void handle(BlockUserCommand command) {
        requireSameAccount(command.accountId());
        block(Required.present(command.cause(), "cause"));
    }

    @CommandHandler
    public void handle(UnblockUserCommand command) {
        requireSameAccount(command.accountId());
        unblock(Required.present(command.cause(), "cause"));
    }

    /**
     * What an update may not do to a user of role {@code current}; also checked by a dry run (ADR 0035), so that
     * it refuses what the user would. The owner is the account's last line of administration: losing it could
     * lock everyone out.
     */
    public static void requireAllowedUpdate(Role current, Role requested, boolean blocking) {
        if (current == Role.OWNER && requested != Role.OWNER) {
            throw CommandRejectedException.preconditionFailed("the owner's role cannot be changed");
        }
        if (current != Role.OWNER && requested == Role.OWNER) {
            throw CommandRejectedException.permissionDenied("the owner role cannot be assigned");
        }
        if (blocking && current == Role.OWNER) {
            throw CommandRejectedException.preconditionFailed("the owner cannot be blocked");
        }
    }

    private void block(OffboardingCause cause) {
        requireAllowedUpdate(role, role, true);
        // An admin takes over a block an automated authority set, so that the authority cannot lift it later.
        if (blockedBy == null || (cause == OffboardingCause.ADMIN && blockedBy != OffboardingCause.ADMIN)) {
            apply(new UserBlockedEvent(userId, accountId, cause));
        }
    }

    private void unblock(OffboardingCause cause) {
        if (blockedBy != null && (cause == OffboardingCause.ADMIN || cause == blockedBy)) {
            apply(new UserUnblockedEvent(userId, accountId, cause));
        }
    }

    /** The auto-groups only move here when the sign-in changes them, so an unchanged login adds one event. */
    @CommandHandler
    public void handle(LogUserInCommand command) {
        requireSameAccount(command.accountId());
        Instant at = Required.present(command.at(), "sign-in time");
        GroupsClaim claim = Required.present(command.groupsClaim(), "groups claim");
        Set<GroupId> newAutoGroups = StableSets.copyOf(command.autoGroups(), "auto groups");
        if (blockedBy != null) {
            throw CommandRejectedException.preconditionFailed("a blocked user cannot sign in");
        }
        apply(new UserLoggedInEvent(userId, accountId, command.peerId(), claim.names(), claim.ignoredBecause(),
                StableSets.difference(newAutoGroups, autoGroups), StableSets.difference(autoGroups, newAutoGroups),
                at));
        if (!newAutoGroups.equals(autoGroups)) {
            apply(new UserAutoGroupsChangedEvent(userId, accountId, newAutoGroups));
        }
    }

    @CommandHandler
    public void handle(DeleteUserCommand command) {
        requireSameAccount(command.accountId());
        if (role == Role.OWNER) {
            throw CommandRejectedException.preconditionFailed("the owner cannot be deleted");
        }
        apply(new UserDeletedEvent(userId, accountId, Required.present(command.cause(), "cause")));
    }

    @CommandHandler
    public void handle(CreatePersonalAccessTokenCommand command) {
        requireSameAccount(command.accountId());
        TokenId tokenId = Required.present(command.tokenId(), "token id");
        String name = Names.requireValid(command.name(), "token name");
        String tokenHash = Hashes.requireSha256(command.tokenHash(), "token hash");
        Required.present(command.createdBy(), "token creator");
        Instant createdAt = Required.present(command.createdAt(), "token creation time");
        Instant expiresAt = Required.present(command.expiresAt(), "token expiration");
        if (!expiresAt.isAfter(createdAt)) {
            throw CommandRejectedException.invalid("token expiration must be after its creation");
        }
        if (blockedBy != null) {
            throw CommandRejectedException.preconditionFailed("a blocked user cannot get new tokens");
        }
        if (tokens.contains(tokenId)) {
            throw CommandRejectedException.conflict("a token with this id already exists for the user");
        }
        apply(new PersonalAccessTokenCreatedEvent(userId, accountId, tokenId, name, tokenHash, createdAt, expiresAt,
                command.createdBy()));
    }

    @CommandHandler
    public void handle(DeletePersonalAccessTokenCommand command) {
        requireSameAccount(command.accountId());
        if (!tokens.contains(command.tokenId())) {
            throw CommandRejectedException.notFound("token not found");
        }
        apply(new PersonalAccessTokenDeletedEvent(userId, accountId, command.tokenId()));
    }

    @CommandHandler
    public void handle(SetLocalPasswordCommand command) {
        requireSameAccount(command.accountId());
        if (serviceUser) {
            throw CommandRejectedException.preconditionFailed("a service user cannot sign in with a password");
        }
        String hash = Required.present(command.passwordHash(), "password hash");
        if (!hash.startsWith("$argon2id$") && !hash.startsWith("$2")) {
            // Never echo the value: if it is not a hash it may well be the password.
            throw CommandRejectedException.invalid("password hash must be an encoded Argon2id or bcrypt hash");
        }
        apply(new LocalPasswordSetEvent(userId, accountId, hash, command.changeRequired()));
    }

    @CommandHandler
    public void handle(RecordUserSignInCommand command) {
        requireSameAccount(command.accountId());
        String provider = identityText(command.identityProvider(), "identity provider", 1024);
        String subject = identityText(command.subject(), "subject", 255);
        Instant at = Required.present(command.signedInAt(), "sign-in time");
        if (serviceUser) {
            throw CommandRejectedException.preconditionFailed("a service user cannot sign in");
        }
        if (blockedBy != null) {
            throw CommandRejectedException.permissionDenied("the user is blocked");
        }
        apply(new UserSignedInEvent(userId, accountId, provider, subject,
                !linkedIdentities.contains(provider + " " + subject), at));
    }

    @EventSourcingHandler
    void on(UserCreatedEvent event) {
        userId = event.userId();
        accountId = event.accountId();
        role = event.role();
        autoGroups = event.autoGroups();
        serviceUser = event.serviceUser();
        name = event.name();
    }

    @EventSourcingHandler
    void on(UserRenamedEvent event) {
        name = event.name();
    }

    /** A provider-bound external id is the person's subject there: their first sign-in is then not a new link. */
    @EventSourcingHandler
    void on(UserExternalIdSetEvent event) {
        externalIdentity = event.identityProvider() + " " + event.externalId();
        if (!event.identityProvider().isEmpty()) {
            linkedIdentities.add(externalIdentity);
        }
    }

    @EventSourcingHandler
    void on(UserSignedInEvent event) {
        linkedIdentities.add(event.identityProvider() + " " + event.subject());
    }

    @EventSourcingHandler
    void on(UserRoleChangedEvent event) {
        role = event.role();
    }

    @EventSourcingHandler
    void on(UserAutoGroupsChangedEvent event) {
        autoGroups = event.autoGroups();
    }

    @EventSourcingHandler
    void on(UserBlockedEvent event) {
        blockedBy = event.cause();
    }

    @EventSourcingHandler
    void on(UserUnblockedEvent event) {
        blockedBy = null;
    }

    @EventSourcingHandler
    void on(PersonalAccessTokenCreatedEvent event) {
        tokens.add(event.tokenId());
    }

    @EventSourcingHandler
    void on(PersonalAccessTokenDeletedEvent event) {
        tokens.remove(event.tokenId());
    }

    @EventSourcingHandler
    void on(UserDeletedEvent event) {
        markDeleted();
    }

    private static String identityText(String value, String what, int maxLength) {
        String text = Texts.optional(Required.present(value, what), what, maxLength);
        if (text.isBlank()) {
            throw CommandRejectedException.invalid(what + " must not be blank");
        }
        return text;
    }

    private void requireSameAccount(AccountId requested) {
        AccountScope.requireSameAccount(accountId, requested, "user");
    }
}
