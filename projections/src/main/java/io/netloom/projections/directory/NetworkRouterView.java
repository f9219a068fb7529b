package io.netloom.projections.directory;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.NetworkId;
import io.netloom.domain.ids.NetworkRouterId;
import io.netloom.domain.network.RouterDefinition;

public record NetworkRouterView(
        NetworkRouterId id, NetworkId networkId, AccountId accountId, RouterDefinition definition) {
}
