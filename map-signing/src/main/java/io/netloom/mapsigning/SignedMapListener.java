package io.netloom.mapsigning;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PeerId;

/** Receives signed map messages for the peers it wants, per peer in serial order. */
public interface SignedMapListener {

    /**
     * Whether a change to this peer's map should be signed and handed over; asked on the network-map
     * thread while the account is locked, so it must answer at once (e.g. "does this peer hold a session").
     */
    boolean wants(AccountId account, PeerId peer);

    /** Called on a signing thread; must only hand the message on, never block. */
    void mapSigned(AccountId account, PeerId peer, SignedMapMessage message);
}
