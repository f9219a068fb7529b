package io.netloom.daemon.relay;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;

/**
 * TURN over TCP or TLS (RFC 8656 §3.1): STUN messages and ChannelData back to back on one byte stream, each framed
 * by its own length field ({@link StreamFrames}). Frames go out through a {@link CoalescingFrameWriter}, so that
 * a burst of relayed datagrams becomes a few TLS records and system calls rather than one per datagram.
 */
final class StreamTurnConnection implements TurnConnection {

    private static final int RECEIVE_BUFFER_BYTES = 64 * 1024;

    private final Socket socket;
    private final DataInputStream in;
    private final CoalescingFrameWriter out;

    StreamTurnConnection(Socket socket, String threadName) throws IOException {
        this.socket = socket;
        // Buffered: a frame is read as its 4-byte head and then its body, two system calls (or two TLS record
        // reads) per relayed datagram without a buffer, one per burst with it.
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), RECEIVE_BUFFER_BYTES));
        // A failed write leaves the stream unusable both ways: closing it ends the reader's wait at once.
        this.out = new CoalescingFrameWriter(socket.getOutputStream(), threadName, this::closeSocket);
    }

    @Override
    public void send(byte[] frame) throws IOException {
        out.write(frame);
    }

    /** The frame is copied, padded, into an array of its own: the writer sends it later, from its queue. */
    @Override
    public void sendChannelData(ByteBuffer frame) throws IOException {
        out.write(ChannelFrame.padded(frame));
    }

    @Override
    public ByteBuffer receive() throws IOException {
        return ByteBuffer.wrap(StreamFrames.read(in));
    }

    @Override
    public void close() {
        closeSocket();
        out.close();
    }

    private void closeSocket() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing a socket that is already broken: nothing left to release
        }
    }
}
