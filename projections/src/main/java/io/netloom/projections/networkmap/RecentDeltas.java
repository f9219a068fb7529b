package io.netloom.projections.networkmap;

import io.netloom.domain.ids.PeerId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The last few deltas of every peer, so that a daemon reconnecting with the serial it last applied
 * gets just what it missed. Older history is not kept: a peer further behind gets its full map.
 */
final class RecentDeltas {

    private final int perPeer;
    private final Map<PeerId, Deque<MapDelta>> deltas = new HashMap<>();

    RecentDeltas(int perPeer) {
        this.perPeer = perPeer;
    }

    void record(PeerMapUpdate update) {
        Deque<MapDelta> history = deltas.computeIfAbsent(update.peer(), peer -> new ArrayDeque<>());
        history.addLast(update.delta());
        if (history.size() > perPeer) {
            history.removeFirst();
        }
    }

    void forget(PeerId peer) {
        deltas.remove(peer);
    }

    /**
     * The deltas that take the peer from {@code serial} to {@code currentSerial}, oldest first; empty
     * when that history is no longer (or never was) held.
     */
    Optional<List<MapDelta>> since(PeerId peer, long serial, long currentSerial) {
        if (serial == currentSerial) {
            return Optional.of(List.of());
        }
        if (serial > currentSerial) {
            return Optional.empty();
        }
        List<MapDelta> missed = new ArrayList<>();
        for (MapDelta delta : deltas.getOrDefault(peer, new ArrayDeque<>())) {
            if (delta.baseSerial() >= serial) {
                missed.add(delta);
            }
        }
        boolean complete = !missed.isEmpty() && missed.get(0).baseSerial() == serial;
        return complete ? Optional.of(missed) : Optional.empty();
    }
}
