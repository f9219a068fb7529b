package io.netloom.domain.peer;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PeerId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The gateway session {@code sessionId} of the peer ended. */
public record RecordPeerDisconnectedCommand(
        @TargetAggregateIdentifier PeerId peerId, AccountId accountId, String sessionId, Instant disconnectedAt) {
}
