package io.netloom.daemon.sync;

import io.netloom.daemon.map.NetworkMap;
import io.netloom.daemon.map.RemotePeer;
import io.netloom.gateway.protocol.PeerSignalChannel;
import io.netloom.gateway.protocol.X25519Keys;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * This device's forward-secret signal channel with each remote peer of its map (ADR 0016). A channel outlives gateway
 * reconnects; it is replaced when the peer's key changes and its keys are erased when the peer leaves the map.
 */
final class SignalChannels {

    private final String ownPeerId;
    private final X25519Keys keys;
    private final LongSupplier sequence;
    private final Map<String, PeerSignalChannel> byPeer = new ConcurrentHashMap<>();

    SignalChannels(String ownPeerId, X25519Keys keys, LongSupplier sequence) {
        this.ownPeerId = ownPeerId;
        this.keys = keys;
        this.sequence = sequence;
    }

    /** The channel with {@code peer}; an {@link IllegalArgumentException} when its map entry has no usable key. */
    PeerSignalChannel with(RemotePeer peer) {
        byte[] publicKey = X25519Keys.decodePublicKey(peer.publicKey());
        return byPeer.compute(peer.id(), (id, existing) -> {
            if (existing != null && existing.isWith(publicKey)) {
                return existing;
            }
            if (existing != null) {
                existing.forget();
            }
            return new PeerSignalChannel(ownPeerId, keys, id, publicKey, sequence);
        });
    }

    /** Erases the channels of peers that are no longer in {@code map}. */
    void keepOnly(NetworkMap map) {
        Set<String> present = map.remotePeers().stream().map(RemotePeer::id).collect(Collectors.toSet());
        byPeer.entrySet().removeIf(entry -> {
            boolean gone = !present.contains(entry.getKey());
            if (gone) {
                entry.getValue().forget();
            }
            return gone;
        });
    }
}
