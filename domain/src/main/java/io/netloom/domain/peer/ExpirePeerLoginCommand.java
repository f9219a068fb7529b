package io.netloom.domain.peer;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PeerId;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Ends a person's device session when the account's period for {@code reason} has passed. The peer checks the
 * deadline itself against {@code at}, so a sign-in that renewed the login just before makes this a no-op.
 *
 * @param expiration the account's period for {@code reason} when the command was sent
 */
public record ExpirePeerLoginCommand(
        @TargetAggregateIdentifier PeerId peerId,
        AccountId accountId,
        LoginExpiryReason reason,
        Duration expiration,
        Instant at) {
}
