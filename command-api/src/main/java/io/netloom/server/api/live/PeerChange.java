package io.netloom.server.api.live;

import io.netloom.domain.ids.PeerId;
import io.netloom.domain.ids.UserId;

/**
 * A peer whose view may have changed, or that was deleted.
 *
 * @param owner for a deleted peer, the user who enrolled it (null: a setup key did), who alone of the regular users
 *     may hear of it; the directory forgets it with the peer. Null for a change, whose view names its owner.
 */
record PeerChange(PeerId peer, boolean removed, UserId owner) {

    static PeerChange changed(PeerId peer) {
        return new PeerChange(peer, false, null);
    }

    static PeerChange removed(PeerId peer, UserId owner) {
        return new PeerChange(peer, true, owner);
    }
}
