package io.netloom.daemon.relay;

import java.nio.ByteBuffer;

/**
 * TURN ChannelData (RFC 8656 §12.4) framed in place: the 4-byte header (channel number, data length) is written into
 * bytes the sender left free in front of the datagram, and read where it lies in the received frame. ice4j's
 * ChannelData codec copies the datagram into a new array each way, and on a relayed tunnel every WireGuard packet
 * is ChannelData.
 */
public final class ChannelFrame {

    /** Bytes a sender leaves free in front of a datagram for {@link #prepend}. */
    public static final int HEADER = 4;

    private ChannelFrame() {
    }

    /** RFC 8656 §12: the first two bits of ChannelData are 01 (STUN's are 00). */
    static boolean isChannelData(ByteBuffer frame) {
        return frame.hasRemaining() && (frame.get(frame.position()) & 0xC0) == 0x40;
    }

    /** The channel number of the frame at {@code frame}'s position. */
    static char channel(ByteBuffer frame) {
        return frame.getChar(frame.position());
    }

    /** The length of the data the header at {@code frame}'s position announces (without padding). */
    static int length(ByteBuffer frame) {
        return frame.getShort(frame.position() + 2) & 0xFFFF;
    }

    /**
     * Makes the datagram between {@code datagram}'s position and limit a ChannelData frame for {@code channel}:
     * writes the header into the {@link #HEADER} bytes before the position and moves the position onto it.
     */
    static void prepend(ByteBuffer datagram, char channel) {
        int length = datagram.remaining();
        int start = datagram.position() - HEADER;
        datagram.putChar(start, channel);
        datagram.putShort(start + 2, (short) length);
        datagram.position(start);
    }

    /** The frame from {@code frame}'s position to its limit as a new array, padded to a multiple of 4 as on streams. */
    static byte[] padded(ByteBuffer frame) {
        byte[] padded = new byte[StreamFrames.padded(frame.remaining())];
        frame.get(frame.position(), padded, 0, frame.remaining());
        return padded;
    }
}
