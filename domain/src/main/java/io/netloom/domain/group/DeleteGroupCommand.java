package io.netloom.domain.group;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.GroupId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record DeleteGroupCommand(@TargetAggregateIdentifier GroupId groupId, AccountId accountId) {
}
