package io.netloom.domain.peer;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PeerId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record DeletePeerCommand(@TargetAggregateIdentifier PeerId peerId, AccountId accountId) {
}
