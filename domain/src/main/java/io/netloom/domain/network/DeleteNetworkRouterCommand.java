package io.netloom.domain.network;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.NetworkId;
import io.netloom.domain.ids.NetworkRouterId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record DeleteNetworkRouterCommand(
        @TargetAggregateIdentifier NetworkId networkId, AccountId accountId, NetworkRouterId routerId) {
}
