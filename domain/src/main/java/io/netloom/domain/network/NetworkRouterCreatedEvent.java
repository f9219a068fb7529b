package io.netloom.domain.network;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.NetworkId;
import io.netloom.domain.ids.NetworkRouterId;
import org.axonframework.serialization.Revision;

@Revision("1")
public record NetworkRouterCreatedEvent(
        NetworkId networkId, AccountId accountId, NetworkRouterId routerId, RouterDefinition definition) {
}
