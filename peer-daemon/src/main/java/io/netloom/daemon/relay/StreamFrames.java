package io.netloom.daemon.relay;

import java.io.DataInputStream;
import java.io.IOException;

/**
 * Cuts a TURN byte stream into frames by their length fields, the only framing TURN over TCP has (RFC 8656 §12.5):
 * a STUN message is a 20-byte header plus its length; ChannelData is a 4-byte header plus its length, padded to a
 * multiple of 4 on streams. The messages themselves are decoded by ice4j.
 */
final class StreamFrames {

    private static final int STUN_HEADER = 20;
    private static final int CHANNEL_HEADER = 4;

    private StreamFrames() {
    }

    /** Reads one whole frame; {@link java.io.EOFException} at the end of the stream, even in the middle of one. */
    static byte[] read(DataInputStream in) throws IOException {
        byte[] head = new byte[CHANNEL_HEADER];
        in.readFully(head);
        int length = ((head[2] & 0xff) << 8) | (head[3] & 0xff);
        int total = switch ((head[0] & 0xff) >>> 6) {
            case 0b00 -> {
                if (length % 4 != 0) {
                    throw protocolError("a STUN message length of " + length + " (not a multiple of 4)");
                }
                yield STUN_HEADER + length;
            }
            case 0b01 -> CHANNEL_HEADER + padded(length);
            default -> throw protocolError(String.format("a frame starting with 0x%02x", head[0] & 0xff));
        };
        byte[] frame = new byte[total];
        System.arraycopy(head, 0, frame, 0, CHANNEL_HEADER);
        in.readFully(frame, CHANNEL_HEADER, total - CHANNEL_HEADER);
        return frame;
    }

    static int padded(int length) {
        return (length + 3) & ~3;
    }

    private static TurnException protocolError(String what) {
        return new TurnException(TurnError.PROTOCOL, "the relay sent " + what
                + ", neither STUN nor ChannelData; the stream cannot be resynchronised");
    }
}
