package io.netloom.domain.peer;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.ids.UserId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The person who enrolled the peer signed in on it again: its login restarts, an expired one is restored. */
public record RenewPeerLoginCommand(
        @TargetAggregateIdentifier PeerId peerId,
        AccountId accountId,
        UserId userId,
        Instant at) {
}
