package io.netloom.domain.peer;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.ids.UserId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The peer's person signed in on it: its last login is {@code at}, and it is no longer expired. */
@Revision("1")
public record PeerLoginRenewedEvent(PeerId peerId, AccountId accountId, UserId userId, Instant at) {
}
