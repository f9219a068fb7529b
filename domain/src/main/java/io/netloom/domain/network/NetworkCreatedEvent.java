package io.netloom.domain.network;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.NetworkId;
import org.axonframework.serialization.Revision;

@Revision("1")
public record NetworkCreatedEvent(NetworkId networkId, AccountId accountId, NetworkDetails details) {
}
