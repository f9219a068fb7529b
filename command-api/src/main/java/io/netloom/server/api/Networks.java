package io.netloom.server.api;

import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.ids.NetworkId;
import io.netloom.projections.directory.AccountRecords;
import io.netloom.projections.directory.NetworkView;

/** The lookup every /api/networks controller starts with: a network of the caller's account, or 404. */
final class Networks {

    private Networks() {
    }

    static NetworkView existing(AccountRecords records, String networkId) {
        return records.network(new NetworkId(networkId))
                .orElseThrow(() -> CommandRejectedException.notFound("network not found"));
    }
}
