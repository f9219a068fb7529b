package io.netloom.projections.directory;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.NetworkId;
import io.netloom.domain.network.NetworkDetails;

public record NetworkView(NetworkId id, AccountId accountId, NetworkDetails details) {
}
