package io.netloom.daemon.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.ice4j.message.ChannelData;
import org.junit.jupiter.api.Test;

/** The in-place ChannelData framing, checked against ice4j's own ChannelData codec. */
class ChannelFrameTest {

    @Test
    void prependWhenTheDatagramHasFreeBytesBeforeItThenTheFrameIsIce4jsEncoding() throws Exception {
        ByteBuffer buffer = ByteBuffer.allocateDirect(ChannelFrame.HEADER + 16);
        buffer.position(ChannelFrame.HEADER);
        buffer.put(bytes("abcde")).flip().position(ChannelFrame.HEADER);

        ChannelFrame.prepend(buffer, (char) 0x4001);

        assertThat(buffer.position()).isZero();
        assertThat(remaining(buffer)).isEqualTo(ice4j((char) 0x4001, "abcde", false));
    }

    @Test
    void paddedWhenTheFrameGoesOverAStreamThenIce4jsPaddedEncodingAndTheBufferIsUntouched() throws Exception {
        ByteBuffer frame = ByteBuffer.wrap(ice4j((char) 0x4FFF, "abcde", false));

        byte[] padded = ChannelFrame.padded(frame);

        assertThat(padded).isEqualTo(ice4j((char) 0x4FFF, "abcde", true)).hasSize(4 + 8);
        assertThat(frame.position()).isZero();
    }

    @Test
    void channelAndLengthWhenReadFromIce4jsEncodingThenAsEncoded() throws Exception {
        ByteBuffer frame = ByteBuffer.allocate(3 + 9);
        frame.position(3);
        frame.put(ice4j((char) 0x4abc, "abcde", false)).flip().position(3);

        assertThat(ChannelFrame.isChannelData(frame)).isTrue();
        assertThat((int) ChannelFrame.channel(frame)).isEqualTo(0x4abc);
        assertThat(ChannelFrame.length(frame)).isEqualTo(5);
    }

    @Test
    void isChannelDataWhenStunOrEmptyThenFalse() {
        assertThat(ChannelFrame.isChannelData(ByteBuffer.wrap(new byte[] {0x00, 0x01}))).isFalse();
        assertThat(ChannelFrame.isChannelData(ByteBuffer.wrap(new byte[] {(byte) 0x80}))).isFalse();
        assertThat(ChannelFrame.isChannelData(ByteBuffer.allocate(0))).isFalse();
    }

    private static byte[] ice4j(char channel, String text, boolean pad) throws Exception {
        ChannelData data = new ChannelData();
        data.setChannelNumber(channel);
        data.setData(bytes(text));
        return data.encode(pad);
    }

    private static byte[] remaining(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
