package io.netloom.domain.group;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.PeerId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record AddPeerToGroupCommand(@TargetAggregateIdentifier GroupId groupId, AccountId accountId, PeerId peerId) {
}
