package io.netloom.projections.networkmap;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Remembers, for every map entry one change touches, how the entry looked before it; afterwards the
 * before/after comparison of just those entries is each peer's delta. Entries whose count changed
 * without appearing or disappearing compare equal and drop out, so a peer whose map did not really
 * change gets no update and keeps its serial.
 */
final class ChangeRecorder {

    private final AccountNetwork network;
    private final Map<PeerSlot, Pending> pending = new LinkedHashMap<>();

    ChangeRecorder(AccountNetwork network) {
        this.network = network;
    }

    void touchConfig(PeerSlot peer) {
        pendingOf(peer);
    }

    void touchNewPeer(PeerSlot peer) {
        pending.put(peer, new Pending(null));
    }

    void forget(PeerSlot peer) {
        pending.remove(peer);
    }

    void touchRemote(PeerSlot peer, PeerSlot remote) {
        Map<Integer, RemotePeer> before = pendingOf(peer).remotesBefore;
        if (!before.containsKey(remote.index)) {
            before.put(remote.index, peer.remotes.contains(remote.index) ? network.renderRemote(remote) : null);
        }
    }

    void touchRule(PeerSlot peer, long ruleKey) {
        Map<Long, InboundRule> before = pendingOf(peer).rulesBefore;
        if (!before.containsKey(ruleKey)) {
            before.put(ruleKey, peer.inbound.contains(ruleKey) ? network.renderRule(ruleKey) : null);
        }
    }

    /** The deltas of every peer whose map changed, each advancing that peer's serial by one. */
    List<PeerMapUpdate> updates() {
        List<PeerMapUpdate> updates = new ArrayList<>();
        pending.forEach((peer, change) -> {
            MapDelta delta = change.deltaFor(peer);
            if (delta != null) {
                peer.serial = delta.serial();
                updates.add(new PeerMapUpdate(peer.node.id(), delta));
            }
        });
        return updates;
    }

    private Pending pendingOf(PeerSlot peer) {
        return pending.computeIfAbsent(peer, slot -> new Pending(network.renderConfig(slot)));
    }

    private final class Pending {
        /** Null for a peer that did not exist before: its whole configuration is new. */
        private final PeerConfig configBefore;
        private final Map<Integer, RemotePeer> remotesBefore = new HashMap<>();
        private final Map<Long, InboundRule> rulesBefore = new HashMap<>();

        private Pending(PeerConfig configBefore) {
            this.configBefore = configBefore;
        }

        private MapDelta deltaFor(PeerSlot peer) {
            PeerConfig configAfter = network.renderConfig(peer);
            PeerConfig config = configAfter.equals(configBefore) ? null : configAfter;
            List<RemotePeer> upserted = new ArrayList<>();
            List<String> removed = new ArrayList<>();
            remotesBefore.forEach((index, before) -> {
                RemotePeer after = peer.remotes.contains(index) ? network.renderRemote(network.slot(index)) : null;
                if (!Objects.equals(before, after)) {
                    if (after != null) {
                        upserted.add(after);
                    } else {
                        removed.add(before.id());
                    }
                }
            });
            List<InboundRule> added = new ArrayList<>();
            List<InboundRule> dropped = new ArrayList<>();
            rulesBefore.forEach((key, before) -> {
                InboundRule after = peer.inbound.contains(key) ? network.renderRule(key) : null;
                if (!Objects.equals(before, after)) {
                    if (before != null) {
                        dropped.add(before);
                    }
                    if (after != null) {
                        added.add(after);
                    }
                }
            });
            if (config == null && upserted.isEmpty() && removed.isEmpty() && added.isEmpty() && dropped.isEmpty()) {
                return null;
            }
            upserted.sort(null);
            removed.sort(null);
            added.sort(null);
            dropped.sort(null);
            return new MapDelta(peer.serial, peer.serial + 1, config, upserted, removed, added, dropped);
        }
    }
}
