package io.netloom.domain.peer;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PeerId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The device logged in or synced asking for these extra DNS labels (all of them; none clears them). */
public record SetPeerExtraDnsLabelsCommand(
        @TargetAggregateIdentifier PeerId peerId,
        AccountId accountId,
        ExtraDnsLabels extraDnsLabels) {
}
