package io.netloom.daemon.relay;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The peers of one allocation: the channel number each one has for the allocation's life (RFC 8656 §12: a channel
 * is never rebound to another peer), and how far its setup got (permission installed, channel bound).
 *
 * <p>The reader thread looks up the sender of every ChannelData frame by its channel number: that lookup takes no
 * lock and allocates nothing.
 */
final class PeerChannels {

    /** RFC 8656 §12: channel numbers 0x4000 through 0x4FFF. */
    static final char FIRST_CHANNEL = 0x4000;
    static final char LAST_CHANNEL = 0x4FFF;

    /** One peer's state; {@code opened} completes when its channel is bound. */
    record Peer(InetSocketAddress address, char channel, CompletableFuture<Void> opened, boolean permitted,
            boolean bound) {

        Peer withPermission() {
            return new Peer(address, channel, opened, true, bound);
        }

        Peer withChannel() {
            return new Peer(address, channel, opened, true, true);
        }
    }

    /** A peer's entry and whether this call made it (then the caller sets the peer up). */
    record Registration(Peer peer, boolean created) {
    }

    private final Map<InetSocketAddress, Peer> byAddress = new HashMap<>();
    /** Indexed by channel number minus {@link #FIRST_CHANNEL}; set when a number is given, cleared when taken back. */
    private final AtomicReferenceArray<InetSocketAddress> byChannel =
            new AtomicReferenceArray<>(LAST_CHANNEL - FIRST_CHANNEL + 1);
    private char next = FIRST_CHANNEL;

    /** The peer's entry, made (with a new channel number) if it has none; empty when the numbers are used up. */
    synchronized Optional<Registration> register(InetSocketAddress address) {
        Peer known = byAddress.get(address);
        if (known != null) {
            return Optional.of(new Registration(known, false));
        }
        if (next > LAST_CHANNEL) {
            return Optional.empty();
        }
        Peer peer = new Peer(address, next++, new CompletableFuture<>(), false, false);
        byAddress.put(address, peer);
        byChannel.set(peer.channel() - FIRST_CHANNEL, address);
        return Optional.of(new Registration(peer, true));
    }

    synchronized Optional<Peer> byAddress(InetSocketAddress address) {
        return Optional.ofNullable(byAddress.get(address));
    }

    /** The peer {@code channel} was given to, or {@code null} (not given, or not a channel number). */
    InetSocketAddress byChannel(char channel) {
        int index = channel - FIRST_CHANNEL;
        return index >= 0 && index < byChannel.length() ? byChannel.get(index) : null;
    }

    synchronized void permitted(InetSocketAddress address) {
        Peer peer = byAddress.get(address);
        if (peer != null) {
            byAddress.put(address, peer.withPermission());
        }
    }

    synchronized void bound(InetSocketAddress address) {
        Peer peer = byAddress.get(address);
        if (peer != null) {
            byAddress.put(address, peer.withChannel());
        }
    }

    /** Forgets a peer whose setup failed, so that a later attempt starts over. */
    synchronized void remove(InetSocketAddress address) {
        Peer peer = byAddress.remove(address);
        if (peer != null) {
            byChannel.set(peer.channel() - FIRST_CHANNEL, null);
        }
    }

    synchronized List<Peer> all() {
        return List.copyOf(byAddress.values());
    }
}
