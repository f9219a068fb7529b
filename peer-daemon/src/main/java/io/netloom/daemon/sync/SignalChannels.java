package io.netloom.daemon.sync;

import io.netloom.daemon.map.NetworkMap;
import io.netloom.daemon.map.RemotePeer;
import io.netloom.gateway.protocol.PeerSignalChannel;
import io.netloom.gateway.protocol.SealedSignal;
import io.netloom.gateway.protocol.X25519Keys;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This device's forward-secret signal channel with each remote peer of its map (ADR 0016). A channel outlives gateway
 * reconnects; it is replaced when the peer's key changes and its keys are erased when the peer leaves the map.
 */
final class SignalChannels {

    private static final Logger LOG = LoggerFactory.getLogger(SignalChannels.class);

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

    /**
     * Runs one throwaway handshake between two throwaway keys off the caller's thread while the daemon connects, so
     * that the first real one finds its classes loaded and its code warm (as ICE's warm-up does, ADR 0009).
     */
    static void warmUpInBackground() {
        Thread thread = new Thread(() -> {
            try {
                X25519Keys one = X25519Keys.generate();
                X25519Keys other = X25519Keys.generate();
                AtomicLong sequence = new AtomicLong();
                PeerSignalChannel offering = new PeerSignalChannel("warm-up-1", one, "warm-up-2", other.publicKey(),
                        sequence::incrementAndGet);
                PeerSignalChannel answering = new PeerSignalChannel("warm-up-2", other, "warm-up-1", one.publicKey(),
                        sequence::incrementAndGet);
                SealedSignal handshake = offering.send(PeerSignalChannel.OFFER, new byte[1]).get(0);
                SealedSignal reply = answering.receive(handshake).replies().get(0);
                answering.receive(offering.receive(reply).replies().get(0));
                offering.forget();
                answering.forget();
            } catch (RuntimeException e) {
                LOG.debug("warming up signaling failed; the first handshake will do it", e);
            }
        }, "nl-signal-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    /** Erases the channels of peers that are no longer in {@code map}, or are there with another key. */
    void keepOnly(NetworkMap map) {
        Map<String, String> keysById = map.remotePeers().stream()
                .collect(Collectors.toMap(RemotePeer::id, RemotePeer::publicKey, (first, second) -> first));
        byPeer.entrySet().removeIf(entry -> {
            boolean gone = !holdsKey(entry.getValue(), keysById.get(entry.getKey()));
            if (gone) {
                entry.getValue().forget();
            }
            return gone;
        });
    }

    private static boolean holdsKey(PeerSignalChannel channel, String publicKey) {
        try {
            return publicKey != null && channel.isWith(X25519Keys.decodePublicKey(publicKey));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
