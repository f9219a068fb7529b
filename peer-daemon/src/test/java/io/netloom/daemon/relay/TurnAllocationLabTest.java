package io.netloom.daemon.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The TURN client against a real coturn ({@link RelayTestLab}) over UDP, TCP and TLS. coturn's lifetimes are short
 * (allocations 6 s, permissions 8 s, channels 10 s, nonces 5 s) so that every test also crosses refreshes and stale
 * nonces, and its per-user quota is one allocation.
 */
class TurnAllocationLabTest {

    private static final Duration ALLOCATION = Duration.ofSeconds(6);
    /** The client asks for RFC 8656's 600 s; coturn grants at most its max-allocate-lifetime. */
    private static final TurnTimings TIMINGS = new TurnTimings(Duration.ofSeconds(3), Duration.ofMillis(250),
            Duration.ofSeconds(600), Duration.ofSeconds(8), Duration.ofSeconds(10));
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static RelayTestLab lab;

    @BeforeAll
    static void startLab() throws Exception {
        lab = RelayTestLab.start(List.of(
                "max-allocate-lifetime=" + ALLOCATION.toSeconds(),
                "permission-lifetime=8",
                "channel-lifetime=10",
                "stale-nonce=5",
                "user-quota=1"));
    }

    @AfterAll
    static void stopLab() {
        if (lab != null) {
            lab.close();
        }
    }

    private Set<Thread> threadsBefore;

    @BeforeEach
    void rememberThreadsOfEarlierTests() {
        threadsBefore = TurnThreads.running();
    }

    @AfterEach
    void noThreadLeft() {
        assertThat(TurnThreads.startedSince(threadsBefore)).as("threads of ended allocations").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(RelayTransport.class)
    void allocateWhenTransportIsUdpTcpOrTlsThenRelayedAddressIsOnTheRelay(RelayTransport transport) throws Exception {
        try (TurnAllocation allocation = allocate(lab.server(transport), new RecordingListener())) {
            assertThat(allocation.state()).isEqualTo(TurnAllocation.State.ALLOCATED);
            assertThat(allocation.relayedAddress().getAddress().getHostAddress()).isEqualTo(RelayTestLab.IP);
            assertThat(allocation.relayedAddress().getPort()).isBetween(51000, 51999);
            assertThat(allocation.mappedAddress()).isNotNull();
        }
    }

    @ParameterizedTest
    @EnumSource(RelayTransport.class)
    void sendWhenBothPeersOpenedChannelsThenDatagramsFlowBothWays(RelayTransport transport) throws Exception {
        RecordingListener aReceived = new RecordingListener();
        RecordingListener bReceived = new RecordingListener();
        try (TurnAllocation a = allocate(lab.server(transport), aReceived);
                TurnAllocation b = allocate(lab.server(RelayTransport.UDP), bReceived)) {
            a.openPeer(b.relayedAddress()).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            b.openPeer(a.relayedAddress()).get(WAIT.toSeconds(), TimeUnit.SECONDS);

            assertThat(a.send(b.relayedAddress(), bytes("from a, 13 B"))).isTrue();
            assertThat(b.send(a.relayedAddress(), bytes("from b"))).isTrue();

            RecordingListener.Datagram atB = bReceived.next(WAIT);
            RecordingListener.Datagram atA = aReceived.next(WAIT);
            assertThat(atB).isNotNull();
            assertThat(atB.peer()).isEqualTo(a.relayedAddress());
            assertThat(text(atB.data())).isEqualTo("from a, 13 B");
            assertThat(atA).isNotNull();
            assertThat(atA.peer()).isEqualTo(b.relayedAddress());
            assertThat(text(atA.data())).isEqualTo("from b");
        }
    }

    @ParameterizedTest
    @EnumSource(RelayTransport.class)
    void channelWhenBoundThenDatagramsGoInPlaceAndTheNextOneReusesTheBuffer(RelayTransport transport)
            throws Exception {
        RecordingListener aReceived = new RecordingListener();
        RecordingListener bReceived = new RecordingListener();
        try (TurnAllocation a = allocate(lab.server(transport), aReceived);
                TurnAllocation b = allocate(lab.server(RelayTransport.UDP), bReceived)) {
            assertThat(a.channel(b.relayedAddress())).isEmpty();
            a.openPeer(b.relayedAddress()).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            b.openPeer(a.relayedAddress()).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            RelayChannel toB = a.channel(b.relayedAddress()).orElseThrow();
            // As the proxy does: one direct buffer, each datagram read after the header's free bytes.
            ByteBuffer buffer = ByteBuffer.allocateDirect(ChannelFrame.HEADER + 64);

            for (String text : List.of("first, 9 B", "second datagram")) {
                buffer.clear().position(ChannelFrame.HEADER);
                buffer.put(bytes(text)).flip().position(ChannelFrame.HEADER);
                toB.send(buffer);
            }

            RecordingListener.Datagram first = bReceived.next(WAIT);
            RecordingListener.Datagram second = bReceived.next(WAIT);
            assertThat(first).isNotNull();
            assertThat(first.peer()).isEqualTo(a.relayedAddress());
            assertThat(text(first.data())).isEqualTo("first, 9 B");
            assertThat(second).isNotNull();
            assertThat(text(second.data())).isEqualTo("second datagram");
            assertThat(toB.peer()).isEqualTo(b.relayedAddress());
        }
    }

    @Test
    void sendWhenSeveralAllocationLifetimesPassThenTheRelayStillCarriesDatagrams() throws Exception {
        RecordingListener aReceived = new RecordingListener();
        RecordingListener bReceived = new RecordingListener();
        try (TurnAllocation a = allocate(lab.server(RelayTransport.UDP), aReceived);
                TurnAllocation b = allocate(lab.server(RelayTransport.TCP), bReceived)) {
            assertThat(a.lifetime()).isEqualTo(ALLOCATION);
            assertThat(b.lifetime()).isEqualTo(ALLOCATION);
            a.openPeer(b.relayedAddress()).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            b.openPeer(a.relayedAddress()).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            // Four allocation lifetimes, more than two channel lifetimes and four nonce lifetimes: only refreshes
            // (with stale nonces answered) keep the allocations, permissions and channels.
            long end = System.nanoTime() + ALLOCATION.multipliedBy(4).toNanos();
            int round = 0;
            while (System.nanoTime() < end) {
                round++;
                a.send(b.relayedAddress(), bytes("a" + round));
                b.send(a.relayedAddress(), bytes("b" + round));
                assertThat(receivedText(bReceived, "a" + round)).as("round %d at b", round).isTrue();
                assertThat(receivedText(aReceived, "b" + round)).as("round %d at a", round).isTrue();
                Thread.sleep(1000);
            }
            assertThat(round).isGreaterThan(15);
            assertThat(a.state()).isEqualTo(TurnAllocation.State.ALLOCATED);
            assertThat(b.state()).isEqualTo(TurnAllocation.State.ALLOCATED);
            assertThat(aReceived.failure()).isNotDone();
            assertThat(bReceived.failure()).isNotDone();
        }
        assertThat(lab.log()).contains("refreshed");
    }

    @Test
    void allocateWhenTheUserHasUsedItsQuotaThenQuotaError() throws Exception {
        try (TurnAllocation first = allocate(lab.server(RelayTransport.UDP, "quota-user"), new RecordingListener())) {
            assertThatThrownBy(() -> allocate(lab.server(RelayTransport.TCP, "quota-user"), new RecordingListener()))
                    .isInstanceOfSatisfying(TurnException.class, e -> {
                        assertThat(e.error()).isEqualTo(TurnError.QUOTA);
                        assertThat(e.code()).isEqualTo(486);
                    });
            assertThat(first.state()).isEqualTo(TurnAllocation.State.ALLOCATED);
        }
    }

    @Test
    void allocateWhenTheTlsRelayCertificateIsFromAnotherCaThenCertificateError() {
        RelayTrust otherCa = TestRelayAuthority.create("Some other CA").trust();
        assertThatThrownBy(() -> TurnAllocation.allocate(lab.server(RelayTransport.TLS), otherCa, TIMINGS,
                new RecordingListener()))
                .isInstanceOfSatisfying(TurnException.class, e -> {
                    assertThat(e.error()).isEqualTo(TurnError.CERTIFICATE);
                    assertThat(e.getMessage()).contains("tls://" + RelayTestLab.IP + ":" + RelayTestLab.TLS_PORT);
                });
    }

    @Test
    void allocateWhenTheTlsRelayIsReachedByANameItsCertificateDoesNotHaveThenCertificateError() {
        RelayServer byIp = lab.server(RelayTransport.TLS);
        // The same relay, reached through an address its certificate does not name.
        RelayServer byOtherName = new RelayServer(RelayTestLab.UNNAMED_IP, byIp.port(), byIp.transport(),
                byIp.username(), byIp.password());
        assertThatThrownBy(() -> TurnAllocation.allocate(byOtherName, lab.authority().trust(), TIMINGS,
                new RecordingListener()))
                .isInstanceOfSatisfying(TurnException.class, e -> assertThat(e.error())
                        .isEqualTo(TurnError.CERTIFICATE));
    }

    @ParameterizedTest
    @EnumSource(RelayTransport.class)
    void relayWhenCoturnIsKilledMidSessionThenTheOwnerIsToldTheAllocationFailed(RelayTransport transport)
            throws Exception {
        RecordingListener received = new RecordingListener();
        TurnAllocation allocation = allocate(lab.server(transport), received);
        InetSocketAddress peer = new InetSocketAddress(RelayTestLab.IP, 51999);
        allocation.openPeer(peer).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        try {
            lab.killCoturn();
            // Over UDP the relay's death shows when something is sent (ICMP port unreachable) or a refresh
            // goes unanswered; over TCP and TLS the connection ends at once.
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!received.failure().isDone() && System.nanoTime() < deadline) {
                try {
                    allocation.send(peer, bytes("anyone there?"));
                } catch (TurnException e) {
                    break;
                }
                Thread.sleep(200);
            }
            TurnException failure = received.failure().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(failure.error()).isIn(TurnError.CONNECTION_LOST, TurnError.TIMEOUT);
            assertThat(allocation.state()).isEqualTo(TurnAllocation.State.FAILED);
            assertThatThrownBy(() -> allocation.send(peer, bytes("x"))).isInstanceOf(TurnException.class);
            allocation.close();
        } finally {
            lab.startCoturn();
        }
    }

    private TurnAllocation allocate(RelayServer server, RelayListener listener) throws TurnException {
        return TurnAllocation.allocate(server, lab.authority().trust(), TIMINGS, listener);
    }

    private static boolean receivedText(RecordingListener listener, String expected) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            RecordingListener.Datagram datagram = listener.next(Duration.ofMillis(500));
            if (datagram != null && text(datagram.data()).equals(expected)) {
                return true;
            }
        }
        return false;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] data) {
        return new String(data, StandardCharsets.UTF_8);
    }
}
