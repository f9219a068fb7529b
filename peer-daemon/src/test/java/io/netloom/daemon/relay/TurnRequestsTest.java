package io.netloom.daemon.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.ice4j.message.MessageFactory;
import org.junit.jupiter.api.Test;

class TurnRequestsTest {

    private static final TurnTimings TIMINGS = new TurnTimings(Duration.ofSeconds(1), Duration.ofMillis(100),
            Duration.ofSeconds(600), Duration.ofSeconds(300), Duration.ofSeconds(600));
    private static final LongTermCredential CREDENTIAL = new LongTermCredential("1700000000:peer", "secret");

    /**
     * The race of a relay that answers garbage at once: the request is queued and written, the reader fails the
     * allocation on the answer and closes the connection, and only then does the sender see the closed connection.
     */
    @Test
    void sendWhenTheConnectionWasClosedByAFailureMeanwhileThenThatFailureIsReported() {
        ClosedByFailure connection = new ClosedByFailure();
        TurnRequests requests = new TurnRequests(connection, new TurnCodec(CREDENTIAL), CREDENTIAL, true, TIMINGS,
                "tcp://127.0.0.1:3478");
        connection.requests = requests;

        assertThatThrownBy(() -> requests.send(id -> MessageFactory.createAllocateRequest((byte) 17, false),
                "Allocate"))
                .isInstanceOfSatisfying(TurnException.class, e -> {
                    assertThat(e.error()).as(e.getMessage()).isEqualTo(TurnError.PROTOCOL);
                    assertThat(e.getMessage()).contains("0xff");
                });
    }

    @Test
    void sendWhenTheConnectionBreaksOfItselfThenConnectionLost() {
        ClosedByFailure connection = new ClosedByFailure();
        TurnRequests requests = new TurnRequests(connection, new TurnCodec(CREDENTIAL), CREDENTIAL, true, TIMINGS,
                "tcp://127.0.0.1:3478");

        assertThatThrownBy(() -> requests.send(id -> MessageFactory.createAllocateRequest((byte) 17, false),
                "Allocate"))
                .isInstanceOfSatisfying(TurnException.class, e -> assertThat(e.error()).as(e.getMessage())
                        .isEqualTo(TurnError.CONNECTION_LOST));
    }

    /** A connection whose send finds it closed, after the allocation's reader failed it when {@code requests} set. */
    private static final class ClosedByFailure implements TurnConnection {

        private TurnRequests requests;

        @Override
        public void send(byte[] frame) throws IOException {
            if (requests != null) {
                requests.failAll(new TurnException(TurnError.PROTOCOL, "the relay sent a frame starting with 0xff"));
            }
            throw new IOException("the connection to the relay is closed");
        }

        @Override
        public void sendChannelData(ByteBuffer frame) {
            throw new UnsupportedOperationException("requests are STUN messages");
        }

        @Override
        public ByteBuffer receive() {
            throw new UnsupportedOperationException("not read in these tests");
        }

        @Override
        public void close() {
        }
    }
}
