package io.netloom.daemon.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import org.ice4j.message.ChannelData;
import org.ice4j.message.MessageFactory;
import org.ice4j.message.Request;
import org.ice4j.stack.StunStack;
import org.junit.jupiter.api.Test;

class StreamFramesTest {

    @Test
    void readWhenStunAndPaddedChannelDataFollowEachOtherThenOneFrameEach() throws Exception {
        byte[] stun = stunMessage();
        byte[] channel = channelData(5, true);
        DataInputStream in = stream(stun, channel);

        assertThat(StreamFrames.read(in)).isEqualTo(stun);
        assertThat(StreamFrames.read(in)).isEqualTo(channel).hasSize(4 + 8);
        assertThatThrownBy(() -> StreamFrames.read(in)).isInstanceOf(EOFException.class);
    }

    @Test
    void readWhenTheStreamEndsInsideAFrameThenEndOfStream() throws Exception {
        byte[] channel = channelData(100, true);
        DataInputStream in = stream(java.util.Arrays.copyOf(channel, 30));

        assertThatThrownBy(() -> StreamFrames.read(in)).isInstanceOf(EOFException.class);
    }

    @Test
    void readWhenTheFrameIsNeitherStunNorChannelDataThenProtocolError() {
        DataInputStream in = stream(new byte[] {(byte) 0x80, 0, 0, 4, 1, 2, 3, 4});

        assertThatThrownBy(() -> StreamFrames.read(in)).isInstanceOfSatisfying(TurnException.class,
                e -> assertThat(e.error()).isEqualTo(TurnError.PROTOCOL));
    }

    @Test
    void readWhenAStunLengthIsNotAMultipleOfFourThenProtocolError() {
        byte[] header = new byte[20];
        header[1] = 0x01;
        header[3] = 5;
        DataInputStream in = stream(header, new byte[5]);

        assertThatThrownBy(() -> StreamFrames.read(in)).isInstanceOfSatisfying(TurnException.class,
                e -> assertThat(e.getMessage()).contains("not a multiple of 4"));
    }

    private static byte[] stunMessage() throws Exception {
        Request request = MessageFactory.createAllocateRequest((byte) 17, false);
        request.setTransactionID(new byte[12]);
        StunStack stack = new StunStack();
        try {
            return request.encode(stack);
        } finally {
            stack.shutDown();
        }
    }

    private static byte[] channelData(int length, boolean pad) throws Exception {
        ChannelData data = new ChannelData();
        data.setChannelNumber((char) 0x4001);
        data.setData(new byte[length]);
        return data.encode(pad);
    }

    private static DataInputStream stream(byte[]... frames) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] frame : frames) {
            all.writeBytes(frame);
        }
        return new DataInputStream(new ByteArrayInputStream(all.toByteArray()));
    }
}
