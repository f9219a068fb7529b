package io.netloom.daemon.relay;

import java.io.IOException;
import java.nio.ByteBuffer;

/** The client's one connection to its relay: frames (STUN messages and ChannelData) out and in. */
interface TurnConnection extends AutoCloseable {

    /** Sends one STUN message. */
    void send(byte[] frame) throws IOException;

    /**
     * Sends one ChannelData frame, from {@code frame}'s position to its limit and unpadded (a stream connection pads
     * it). May change the buffer's position.
     */
    void sendChannelData(ByteBuffer frame) throws IOException;

    /**
     * Blocks until the next frame arrives and returns it between the buffer's position and limit; the buffer is the
     * connection's own and valid only until the next call. Throws when the connection ends (closed, reset, end of
     * stream, or an ICMP port unreachable on UDP), or with {@link TurnError#PROTOCOL} when a stream cannot be framed.
     */
    ByteBuffer receive() throws IOException;

    /** Unblocks {@link #receive()} and releases the socket. */
    @Override
    void close();
}
