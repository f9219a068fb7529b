package io.netloom.daemon.wireguard;

import java.io.IOException;
import java.util.List;

/** A WireGuard interface owned by the daemon, whichever implementation backs it. */
public interface WireGuardDevice extends AutoCloseable {

    String name();

    InterfaceKind kind();

    /** Sets this device's private key (32 raw bytes) and UDP listen port (0 lets WireGuard pick one). */
    void configure(byte[] privateKey, int listenPort) throws IOException;

    /** The UDP port WireGuard listens on; useful when {@link #configure} was given port 0. */
    int listenPort() throws IOException;

    /** Adds the peer or updates it in place; other peers and their sessions are left alone. */
    void upsertPeer(WireGuardPeer peer) throws IOException;

    /** Removes the peer; does nothing when it is not configured. */
    void removePeer(String publicKey) throws IOException;

    List<PeerStatistics> statistics() throws IOException;

    /** Removes the interface. Never throws: problems are logged, as there is nothing left to do about them. */
    @Override
    void close();
}
