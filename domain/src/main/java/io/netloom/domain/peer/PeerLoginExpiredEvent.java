package io.netloom.domain.peer;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PeerId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The peer's login expired: it takes part in no map until its person signs in on it again. */
@Revision("1")
public record PeerLoginExpiredEvent(PeerId peerId, AccountId accountId, LoginExpiryReason reason, Instant at) {
}
