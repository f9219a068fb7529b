package io.netloom.projections.directory;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.NetworkId;
import io.netloom.domain.ids.NetworkResourceId;
import io.netloom.domain.network.ResourceDefinition;

public record NetworkResourceView(
        NetworkResourceId id, NetworkId networkId, AccountId accountId, ResourceDefinition definition) {
}
