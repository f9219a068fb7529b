package io.netloom.projections.networkmap;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PeerId;
import java.util.List;

/**
 * Receives every change to any peer's map, per account in the order they happened. Called on the
 * projection's thread while the account is locked, so it must only hand the updates on (to a queue),
 * never block.
 */
@FunctionalInterface
public interface MapUpdateListener {

    void mapsChanged(AccountId account, List<PeerMapUpdate> updates);

    /** The peer may no longer take part at all: it was removed, or its owner blocked or deleted. */
    default void peerRevoked(AccountId account, PeerId peer, String reason) {
    }
}
