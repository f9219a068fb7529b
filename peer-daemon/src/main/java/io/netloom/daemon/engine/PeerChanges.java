package io.netloom.daemon.engine;

import io.netloom.daemon.map.RemotePeer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a new map changes among the remote peers the device has configured: peers to remove (gone, or back with
 * another key), to add, and to update in place. A peer whose entry is equal is left alone, so a map that differs only
 * in serial or model (a full map from another server process, ADR 0057) touches no WireGuard peer and no ICE
 * connection.
 *
 * @param updated each as {@link Update}: the entry applied before and the one wanted now
 */
record PeerChanges(List<RemotePeer> removed, List<RemotePeer> added, List<Update> updated) {

    /** A peer that stays, with a changed entry. */
    record Update(RemotePeer before, RemotePeer after) {
    }

    /** @param applied the peers configured now, by id; @param wanted the usable peers of the new map */
    static PeerChanges between(Map<String, RemotePeer> applied, Collection<RemotePeer> wanted) {
        Map<String, RemotePeer> byId = new LinkedHashMap<>();
        wanted.forEach(peer -> byId.put(peer.id(), peer));
        List<RemotePeer> removed = new ArrayList<>();
        for (RemotePeer gone : applied.values()) {
            RemotePeer next = byId.get(gone.id());
            if (next == null || !next.publicKey().equals(gone.publicKey())) {
                removed.add(gone);
            }
        }
        List<RemotePeer> added = new ArrayList<>();
        List<Update> updated = new ArrayList<>();
        for (RemotePeer peer : byId.values()) {
            RemotePeer before = applied.get(peer.id());
            if (before == null || removed.contains(before)) {
                added.add(peer);
            } else if (!before.equals(peer)) {
                updated.add(new Update(before, peer));
            }
        }
        return new PeerChanges(List.copyOf(removed), List.copyOf(added), List.copyOf(updated));
    }

    boolean isEmpty() {
        return removed.isEmpty() && added.isEmpty() && updated.isEmpty();
    }
}
