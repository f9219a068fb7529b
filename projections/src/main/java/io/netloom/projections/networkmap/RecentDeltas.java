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

    /** A delta larger than this (entries) is not kept: a peer that missed it is better served a full map. */
    static final int MAX_RETAINED_ENTRIES = 256;

    private final int perPeer;
    private final Map<PeerId, Deque<MapDelta>> deltas = new HashMap<>();

    RecentDeltas(int perPeer) {
        this.perPeer = perPeer;
    }

    void record(PeerMapUpdate update) {
        MapDelta delta = update.delta();
        int entries = delta.upsertedPeers().size() + delta.removedPeers().size() + delta.addedRules().size()
                + delta.removedRules().size();
        if (entries > MAX_RETAINED_ENTRIES) {
            // The history must stay contiguous: without this delta, none before it can be used either.
            deltas.remove(update.peer());
            return;
        }
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
        long expected = serial;
        for (MapDelta delta : missed) {
            if (delta.baseSerial() != expected) {
                return Optional.empty();
            }
            expected = delta.serial();
        }
        return expected == currentSerial ? Optional.of(missed) : Optional.empty();
    }
}
