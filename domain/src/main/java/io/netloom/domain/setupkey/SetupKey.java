package io.netloom.domain.setupkey;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import io.netloom.domain.common.AccountScope;
import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.common.Hashes;
import io.netloom.domain.common.Names;
import io.netloom.domain.common.Required;
import io.netloom.domain.common.StableSets;
import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.SetupKeyId;
import java.time.Instant;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/**
 * A pre-shared key that lets devices enroll without an interactive login. Its uses are the
 * {@code PeerEnrolledEvent}s that name it; whether one more use is allowed (revoked, expired, usage
 * limit) is decided when a device enrolls, without locking this aggregate, so enrollments with one
 * key run in parallel (ADR 0003; the use is counted in the enrollment's transaction, ADR 0011).
 */
public class SetupKey {

    private static final int MAX_MASKED_KEY_LENGTH = 16;

    @AggregateIdentifier
    private SetupKeyId setupKeyId;
    private AccountId accountId;
    private boolean revoked;
    private Set<GroupId> autoGroups;

    public SetupKey() {
        // Required by Axon to construct an empty instance before replaying its events.
    }

    @CommandHandler
    public SetupKey(CreateSetupKeyCommand command) {
        Required.present(command.accountId(), "account");
        String name = Names.requireValid(command.name(), "setup key name");
        SetupKeyType type = Required.present(command.type(), "setup key type");
        String keyHash = Hashes.requireSha256(command.keyHash(), "setup key hash");
        String maskedKey = requireMaskedKey(command.maskedKey());
        Instant createdAt = Required.present(command.createdAt(), "setup key creation time");
        Instant expiration = Required.present(command.expiresAt(), "setup key expiration");
        if (!expiration.isAfter(createdAt)) {
            throw CommandRejectedException.invalid("setup key expiration must be after its creation");
        }
        if (command.usageLimit() < 0) {
            throw CommandRejectedException.invalid("usage limit must not be negative");
        }
        int effectiveLimit = type == SetupKeyType.ONE_OFF ? 1 : command.usageLimit();
        apply(new SetupKeyCreatedEvent(command.setupKeyId(), command.accountId(), name, type, keyHash, maskedKey,
                createdAt, expiration, effectiveLimit, StableSets.copyOf(command.autoGroups(), "auto groups"),
                command.ephemeral(), command.allowExtraDnsLabels(), Required.present(command.createdBy(), "key creator")));
    }

    @CommandHandler
    public void handle(UpdateSetupKeyCommand command) {
        requireSameAccount(command.accountId());
        Set<GroupId> newAutoGroups = StableSets.copyOf(command.autoGroups(), "auto groups");
        if (revoked && !command.revoked()) {
            // The key may already have leaked; reinstating it would silently reopen the door.
            throw CommandRejectedException.preconditionFailed("a revoked setup key cannot be reinstated");
        }
        if (command.revoked() && !revoked) {
            apply(new SetupKeyRevokedEvent(setupKeyId, accountId));
        }
        if (!newAutoGroups.equals(autoGroups)) {
            apply(new SetupKeyAutoGroupsChangedEvent(setupKeyId, accountId, newAutoGroups));
        }
    }

    @CommandHandler
    public void handle(DeleteSetupKeyCommand command) {
        requireSameAccount(command.accountId());
        apply(new SetupKeyDeletedEvent(setupKeyId, accountId));
    }

    @EventSourcingHandler
    void on(SetupKeyCreatedEvent event) {
        setupKeyId = event.setupKeyId();
        accountId = event.accountId();
        autoGroups = event.autoGroups();
    }

    @EventSourcingHandler
    void on(SetupKeyRevokedEvent event) {
        revoked = true;
    }

    @EventSourcingHandler
    void on(SetupKeyAutoGroupsChangedEvent event) {
        autoGroups = event.autoGroups();
    }

    @EventSourcingHandler
    void on(SetupKeyDeletedEvent event) {
        markDeleted();
    }

    private void requireSameAccount(AccountId requested) {
        AccountScope.requireSameAccount(accountId, requested, "setup key");
    }

    private static String requireMaskedKey(String maskedKey) {
        if (maskedKey == null || maskedKey.isBlank() || maskedKey.length() > MAX_MASKED_KEY_LENGTH) {
            throw CommandRejectedException.invalid(
                    "masked key must be non-blank and at most " + MAX_MASKED_KEY_LENGTH + " characters");
        }
        return maskedKey;
    }
}
