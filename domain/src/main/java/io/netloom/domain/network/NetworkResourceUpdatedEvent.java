package io.netloom.domain.network;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.NetworkId;
import io.netloom.domain.ids.NetworkResourceId;
import org.axonframework.serialization.Revision;

@Revision("1")
public record NetworkResourceUpdatedEvent(
        NetworkId networkId, AccountId accountId, NetworkResourceId resourceId, ResourceDefinition definition) {
}
