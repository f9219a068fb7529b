package io.netloom.daemon.relay;

import java.io.IOException;

/** The client's one connection to its relay: frames (STUN messages and ChannelData) out and in. */
interface TurnConnection extends AutoCloseable {

    /** Sends one STUN message or ChannelData message (over a stream, ChannelData already padded). */
    void send(byte[] frame) throws IOException;

    /**
     * Blocks until the next frame arrives. Throws when the connection ends (closed, reset, end of stream, or an
     * ICMP port unreachable on UDP), or with {@link TurnError#PROTOCOL} when a stream cannot be framed.
     */
    byte[] receive() throws IOException;

    /** Unblocks {@link #receive()} and releases the socket. */
    @Override
    void close();
}
