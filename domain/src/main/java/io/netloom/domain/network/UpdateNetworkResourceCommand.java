package io.netloom.domain.network;

import io.netloom.domain.common.Ipv4Network;
import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.NetworkId;
import io.netloom.domain.ids.NetworkResourceId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** {@code overlay} is the account's overlay range, read by the caller so the aggregate stays free of I/O. */
public record UpdateNetworkResourceCommand(
        @TargetAggregateIdentifier NetworkId networkId,
        AccountId accountId,
        NetworkResourceId resourceId,
        ResourceDefinition definition,
        Ipv4Network overlay) {
}
