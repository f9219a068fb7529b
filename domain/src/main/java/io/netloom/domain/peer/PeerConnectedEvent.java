package io.netloom.domain.peer;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PeerId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

@Revision("1")
public record PeerConnectedEvent(
        PeerId peerId,
        AccountId accountId,
        String sessionId,
        String connectionIp,
        String daemonVersion,
        Instant connectedAt) {
}
