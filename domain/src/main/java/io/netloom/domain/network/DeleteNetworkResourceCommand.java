package io.netloom.domain.network;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.NetworkId;
import io.netloom.domain.ids.NetworkResourceId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record DeleteNetworkResourceCommand(
        @TargetAggregateIdentifier NetworkId networkId, AccountId accountId, NetworkResourceId resourceId) {
}
