package io.netloom.daemon.relay;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;

/**
 * TURN over TCP or TLS (RFC 8656 §3.1): STUN messages and ChannelData back to back on one byte stream, each framed
 * by its own length field ({@link StreamFrames}).
 */
final class StreamTurnConnection implements TurnConnection {

    private static final int RECEIVE_BUFFER_BYTES = 64 * 1024;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    StreamTurnConnection(Socket socket) throws IOException {
        this.socket = socket;
        // Buffered: a frame is read as its 4-byte head and then its body, two system calls (or two TLS record
        // reads) per relayed datagram without a buffer, one per burst with it.
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), RECEIVE_BUFFER_BYTES));
        this.out = new BufferedOutputStream(socket.getOutputStream());
    }

    @Override
    public void send(byte[] frame) throws IOException {
        // Whole frames only: the reader and timer threads both send, and interleaved bytes would desynchronise
        // the relay's framing.
        synchronized (out) {
            out.write(frame);
            out.flush();
        }
    }

    @Override
    public byte[] receive() throws IOException {
        return StreamFrames.read(in);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing a socket that is already broken: nothing left to release
        }
    }
}
