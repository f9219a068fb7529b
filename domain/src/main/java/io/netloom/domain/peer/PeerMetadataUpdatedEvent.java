package io.netloom.domain.peer;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PeerId;
import org.axonframework.serialization.Revision;

@Revision("1")
public record PeerMetadataUpdatedEvent(PeerId peerId, AccountId accountId, PeerMetadata metadata) {
}
