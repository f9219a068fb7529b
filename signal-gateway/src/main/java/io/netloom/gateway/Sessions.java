package io.netloom.gateway;

import io.netloom.domain.ids.PeerId;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The live session of each connected peer: at most one; a newer one replaces the older. */
final class Sessions {

    private final Map<PeerId, PeerSession> byPeer = new ConcurrentHashMap<>();

    /** Registers the session and returns the one it replaces, if any. */
    PeerSession register(PeerSession session) {
        return byPeer.put(session.peer.peerId(), session);
    }

    /** Removes the session unless a newer one has taken its place. */
    boolean unregister(PeerSession session) {
        return byPeer.remove(session.peer.peerId(), session);
    }

    PeerSession get(PeerId peer) {
        return byPeer.get(peer);
    }

    Collection<PeerSession> all() {
        return byPeer.values();
    }

    int size() {
        return byPeer.size();
    }
}
