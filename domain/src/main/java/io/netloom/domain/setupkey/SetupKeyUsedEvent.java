package io.netloom.domain.setupkey;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.ids.SetupKeyId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

@Revision("1")
public record SetupKeyUsedEvent(SetupKeyId setupKeyId, AccountId accountId, PeerId peerId, Instant usedAt) {
}
