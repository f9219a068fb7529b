package io.netloom.domain.peer;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PeerId;
import org.axonframework.serialization.Revision;

/** The peer's extra DNS labels are now exactly {@code extraDnsLabels}. */
@Revision("1")
public record PeerExtraDnsLabelsChangedEvent(PeerId peerId, AccountId accountId, ExtraDnsLabels extraDnsLabels) {

    public PeerExtraDnsLabelsChangedEvent {
        extraDnsLabels = extraDnsLabels == null ? ExtraDnsLabels.NONE : extraDnsLabels;
    }
}
