package io.netloom.domain.peer;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PeerId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The gateway accepted a session of the peer.
 *
 * @param sessionId names this session, so that the end of an older one cannot mark a reconnected peer offline
 * @param connectionIp the address the session came from
 */
public record RecordPeerConnectedCommand(
        @TargetAggregateIdentifier PeerId peerId,
        AccountId accountId,
        String sessionId,
        String connectionIp,
        String daemonVersion,
        Instant connectedAt) {
}
