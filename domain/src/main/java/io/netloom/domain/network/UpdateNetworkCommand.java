package io.netloom.domain.network;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.NetworkId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record UpdateNetworkCommand(
        @TargetAggregateIdentifier NetworkId networkId, AccountId accountId, NetworkDetails details) {
}
