package io.netloom.daemon.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.ice4j.message.ChannelData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Relays that break the protocol: the client reports a typed error or drops the bad frame, and keeps no thread. */
class TurnAllocationBadRelayTest {

    private static final TurnTimings QUICK = new TurnTimings(Duration.ofSeconds(1), Duration.ofMillis(100),
            Duration.ofSeconds(600), Duration.ofSeconds(300), Duration.ofSeconds(600));
    private static final InetSocketAddress PEER = new InetSocketAddress("198.18.242.7", 40000);

    private Set<Thread> threadsBefore;

    @BeforeEach
    void rememberThreadsOfEarlierTests() {
        threadsBefore = TurnThreads.running();
    }

    @AfterEach
    void noThreadLeft() {
        assertThat(TurnThreads.startedSince(threadsBefore)).as("threads of ended allocations").isEmpty();
    }

    @Test
    void allocateWhenTheUdpRelayAnswersGarbageThenTimeoutError() throws Exception {
        try (ScriptedUdpRelay relay = ScriptedUdpRelay.answeringGarbage()) {
            assertThatThrownBy(() -> TurnAllocation.allocate(relay.server(), RelayTrust.systemDefault(), QUICK,
                    new RecordingListener()))
                    .isInstanceOfSatisfying(TurnException.class, e -> {
                        assertThat(e.error()).as(e.getMessage()).isEqualTo(TurnError.TIMEOUT);
                        assertThat(e.getMessage()).contains("did not answer Allocate");
                    });
        }
    }

    @Test
    void allocateWhenTheTcpRelayAnswersGarbageThenProtocolError() throws Exception {
        try (ServerSocket relay = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread answering = new Thread(() -> {
                try (Socket client = relay.accept(); OutputStream out = client.getOutputStream()) {
                    client.getInputStream().read(new byte[20]);
                    byte[] garbage = new byte[64];
                    Arrays.fill(garbage, (byte) 0xFF);
                    out.write(garbage);
                    out.flush();
                    // Read to the end: closing with unread bytes would reset the connection, and a reset that
                    // overtakes the garbage makes the client report a lost connection instead.
                    client.getInputStream().transferTo(OutputStream.nullOutputStream());
                } catch (Exception e) {
                    // the client hung up: what the test expects
                }
            });
            answering.start();
            RelayServer server = new RelayServer("127.0.0.1", relay.getLocalPort(), RelayTransport.TCP, "user", "pw");
            assertThatThrownBy(() -> TurnAllocation.allocate(server, RelayTrust.systemDefault(), QUICK,
                    new RecordingListener()))
                    .isInstanceOfSatisfying(TurnException.class, e -> {
                        assertThat(e.error()).isEqualTo(TurnError.PROTOCOL);
                        assertThat(e.getMessage()).contains("0xff");
                    });
            answering.join();
        }
    }

    @Test
    void allocateWhenNothingListensOnTheTcpPortThenUnreachableError() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        RelayServer server = new RelayServer("127.0.0.1", port, RelayTransport.TCP, "user", "pw");
        assertThatThrownBy(() -> TurnAllocation.allocate(server, RelayTrust.systemDefault(), QUICK,
                new RecordingListener()))
                .isInstanceOfSatisfying(TurnException.class, e -> assertThat(e.error())
                        .isEqualTo(TurnError.UNREACHABLE));
    }

    @Test
    void receiveWhenChannelDataIsTruncatedThenItIsDroppedAndTheNextDatagramArrives() throws Exception {
        RecordingListener received = new RecordingListener();
        try (ScriptedUdpRelay relay = ScriptedUdpRelay.grantingEverything();
                TurnAllocation allocation = TurnAllocation.allocate(relay.server(), RelayTrust.systemDefault(), QUICK,
                        received)) {
            allocation.openPeer(PEER).get(5, TimeUnit.SECONDS);

            byte[] whole = channelData(PeerChannels.FIRST_CHANNEL, "whole");
            byte[] truncated = Arrays.copyOf(channelData(PeerChannels.FIRST_CHANNEL, "truncated datagram"), 10);
            relay.sendToClient(truncated);
            relay.sendToClient(new byte[] {0x40});
            relay.sendToClient(whole);

            RecordingListener.Datagram first = received.next(Duration.ofSeconds(5));
            assertThat(first).isNotNull();
            assertThat(first.peer()).isEqualTo(PEER);
            assertThat(new String(first.data(), StandardCharsets.UTF_8)).isEqualTo("whole");
            assertThat(allocation.state()).isEqualTo(TurnAllocation.State.ALLOCATED);
            assertThat(received.failure()).isNotDone();
        }
    }

    @Test
    void receiveWhenChannelDataArrivesOnAnUnboundChannelThenItIsDropped() throws Exception {
        RecordingListener received = new RecordingListener();
        try (ScriptedUdpRelay relay = ScriptedUdpRelay.grantingEverything();
                TurnAllocation allocation = TurnAllocation.allocate(relay.server(), RelayTrust.systemDefault(), QUICK,
                        received)) {
            allocation.openPeer(PEER).get(5, TimeUnit.SECONDS);

            relay.sendToClient(channelData((char) (PeerChannels.FIRST_CHANNEL + 1), "nobody's"));
            relay.sendToClient(channelData(PeerChannels.FIRST_CHANNEL, "bound"));

            RecordingListener.Datagram first = received.next(Duration.ofSeconds(5));
            assertThat(first).isNotNull();
            assertThat(new String(first.data(), StandardCharsets.UTF_8)).isEqualTo("bound");
        }
    }

    @Test
    void sendWhenThePeerWasNotOpenedThenNothingIsSent() throws Exception {
        try (ScriptedUdpRelay relay = ScriptedUdpRelay.grantingEverything();
                TurnAllocation allocation = TurnAllocation.allocate(relay.server(), RelayTrust.systemDefault(), QUICK,
                        new RecordingListener())) {
            assertThat(allocation.send(PEER, new byte[] {1, 2, 3})).isFalse();
        }
    }

    @Test
    void sendWhenTheAllocationIsClosedThenClosedError() throws Exception {
        try (ScriptedUdpRelay relay = ScriptedUdpRelay.grantingEverything()) {
            TurnAllocation allocation = TurnAllocation.allocate(relay.server(), RelayTrust.systemDefault(), QUICK,
                    new RecordingListener());
            allocation.openPeer(PEER).get(5, TimeUnit.SECONDS);
            allocation.close();

            assertThat(allocation.state()).isEqualTo(TurnAllocation.State.CLOSED);
            assertThatThrownBy(() -> allocation.send(PEER, new byte[] {1}))
                    .isInstanceOfSatisfying(TurnException.class, e -> assertThat(e.error())
                            .isEqualTo(TurnError.CLOSED));
            assertThat(allocation.openPeer(PEER)).isCompletedExceptionally();
        }
    }

    private static byte[] channelData(char channel, String text) throws Exception {
        ChannelData data = new ChannelData();
        data.setChannelNumber(channel);
        data.setData(text.getBytes(StandardCharsets.UTF_8));
        return data.encode(false);
    }
}
