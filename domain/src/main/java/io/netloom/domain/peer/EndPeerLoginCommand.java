package io.netloom.domain.peer;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PeerId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The person who signed the peer in signed out at their identity provider (a back-channel logout): the peer's
 * login expires with reason {@link LoginExpiryReason#SIGNED_OUT} until the person signs in on it again.
 */
public record EndPeerLoginCommand(
        @TargetAggregateIdentifier PeerId peerId,
        AccountId accountId,
        Instant at) {
}
