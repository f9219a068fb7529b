package io.netloom.gateway;

import static io.netloom.gateway.TestSignals.sealed;
import static io.netloom.gateway.TestSignals.single;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.netloom.gateway.protocol.PathReport;
import io.netloom.gateway.protocol.PathReport.ConnectionType;
import io.netloom.gateway.protocol.PathReport.Path;
import io.netloom.gateway.protocol.PeerSignalChannel;
import io.netloom.gateway.protocol.SealedSignal;
import io.netloom.gateway.protocol.Wire;
import io.netloom.gateway.protocol.X25519Keys;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two gateways in one cluster (two Vert.x instances joined over Hazelcast, as two server processes are): peers
 * connected to different gateways signal each other, and a peer that moves to the other gateway keeps one session.
 */
class ClusteredGatewaysTest {

    private static String clusterName;
    private static List<String> members;
    private static GatewayCluster.Joined firstMember;
    private static Vertx first;
    private static Vertx second;

    private GatewayFixture fixture;
    private int secondPort;
    private final AtomicLong sequence = new AtomicLong(System.currentTimeMillis() * 1000);

    @BeforeAll
    static void cluster() throws IOException {
        clusterName = "gateways-" + UUID.randomUUID();
        members = List.of("127.0.0.1:" + freePort(), "127.0.0.1:" + freePort(), "127.0.0.1:" + freePort());
        firstMember = TestClient.await(member(0).start(new VertxOptions()));
        first = firstMember.vertx();
        second = TestClient.await(member(1).start(new VertxOptions())).vertx();
    }

    @AfterAll
    static void leave() {
        for (Vertx member : new Vertx[] {second, first}) {
            if (member != null) {
                TestClient.await(member.close());
            }
        }
    }

    @BeforeEach
    void gateways() {
        fixture = new GatewayFixture(first);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void signalWhenSenderAndRecipientAreOnDifferentGatewaysThenRelayedBothWaysAndAReplayRefused() {
        X25519Keys aKeys = fixture.peer("a", true);
        X25519Keys bKeys = fixture.peer("b", true);
        start();
        TestClient a = fixture.connected("a");
        TestClient b = connectedToSecond("b");
        PeerSignalChannel aChannel = channel("a", aKeys, "b", bKeys);
        PeerSignalChannel bChannel = channel("b", bKeys, "a", aKeys);
        String offer = Wire.signalTo("b", single(aChannel.send(PeerSignalChannel.OFFER, new byte[8])));

        a.send(offer);
        JsonNode handshake = b.nextOfType("signal");
        b.send(Wire.signalTo("a", single(bChannel.receive(sealed(handshake)).replies())));
        JsonNode reply = a.nextOfType("signal");
        a.send(offer);

        assertThat(handshake.get("from").asText()).isEqualTo("a");
        assertThat(reply.get("from").asText()).isEqualTo("b");
        assertThat(reply.get("kind").asText()).isEqualTo(PeerSignalChannel.HANDSHAKE_REPLY);
        assertThat(a.nextOfType("error").get("code").asText()).isEqualTo("replayed");
    }

    @Test
    void signalWhenTheRecipientIsConnectedToNoGatewayThenOfflineAndItsSeqNotUsedUp() {
        X25519Keys aKeys = fixture.peer("a", true);
        X25519Keys cKeys = fixture.peer("c", true);
        start();
        TestClient a = fixture.connected("a");
        String offer = Wire.signalTo("c", single(channel("a", aKeys, "c", cKeys).send(PeerSignalChannel.OFFER,
                new byte[8])));

        a.send(offer);
        assertThat(a.nextOfType("error").get("code").asText()).isEqualTo("peer_offline");
        TestClient c = connectedToSecond("c");
        a.send(offer);

        assertThat(c.nextOfType("signal").get("from").asText()).isEqualTo("a");
    }

    /** ADR 0048 across gateways: what the old session may have lost is written again on the new one. */
    @Test
    void connectWhenThePeerMovesToTheOtherGatewayThenItsOldSessionIsReplacedAndGetsTheUnansweredSignalThere() {
        X25519Keys aKeys = fixture.peer("a", true);
        X25519Keys bKeys = fixture.peer("b", true);
        start();
        TestClient a = fixture.connected("a");
        TestClient bOnSecond = connectedToSecond("b");
        SealedSignal handshake = single(channel("a", aKeys, "b", bKeys).send(PeerSignalChannel.OFFER, new byte[8]));
        a.send(Wire.signalTo("b", handshake));
        bOnSecond.nextOfType("signal");

        TestClient bOnFirst = fixture.client("b").connect(-1);

        assertThat(bOnSecond.awaitClose()).isEqualTo(CloseCodes.REPLACED);
        assertThat(bOnFirst.nextOfType("signal").get("seq").asLong()).isEqualTo(handshake.seq());
        assertThat(fixture.presence).contains("disconnected b");
        SealedSignal next = single(channel("a", aKeys, "b", bKeys).send(PeerSignalChannel.OFFER, new byte[8]));
        a.send(Wire.signalTo("b", next));
        assertThat(bOnFirst.nextOfType("signal").get("seq").asLong()).isEqualTo(next.seq());
    }

    @Test
    void pathsWhenAPeerReportsOnOneGatewayThenTheOtherShowsThemUntilItsSessionEnds() {
        fixture.peer("a", true);
        fixture.peer("b", true);
        start();
        TestClient a = fixture.connected("a");
        Path toB = new Path("b", ConnectionType.P2P, "srflx", "srflx", "203.0.113.7:51820", null, 2.5);
        Path toOutsider = new Path("outsider", ConnectionType.P2P, "host", "host", "203.0.113.9:51820", null, null);

        a.send(PathReport.encode(List.of(toB, toOutsider)));
        awaitUntil("the other gateway shows a's paths", () -> fixture.reportedPathsOnAnother("a").isPresent());
        assertThat(fixture.reportedPathsOnAnother("a").orElseThrow().paths()).as("only towards peers in its map")
                .containsExactly(toB);
        assertThat(fixture.pathChanges).as("listeners of both gateways told").hasSizeGreaterThanOrEqualTo(2);
        a.close();

        awaitUntil("a's paths gone with its session", () -> fixture.reportedPathsOnAnother("a").isEmpty());
    }

    @Test
    void membershipWhenAMemberJoinsThenItIsLiveAndWhenItLeavesThenTheOthersAreToldAndItIsNoLongerLive()
            throws InterruptedException {
        ClusterMembership membership = firstMember.membership();
        java.util.concurrent.CountDownLatch gone = new java.util.concurrent.CountDownLatch(1);
        membership.onMemberGone(gone::countDown);

        GatewayCluster.Joined third = TestClient.await(member(2).start(new VertxOptions()));
        String thirdNode = third.membership().node();
        assertThat(membership.liveNodes()).hasSize(3).contains(membership.node(), thirdNode);
        assertThat(SessionIds.nodeOf(SessionIds.newId(thirdNode))).contains(thirdNode);
        TestClient.await(third.vertx().close());

        assertThat(gone.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(membership.liveNodes()).hasSize(2).doesNotContain(thirdNode);
    }

    private static void awaitUntil(String what, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + TestClient.PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting until " + what);
            }
        }
    }

    private void start() {
        fixture.start(TestConfigs.defaults());
        secondPort = fixture.startAnother(second, TestConfigs.defaults());
    }

    private TestClient connectedToSecond(String name) {
        TestClient client = fixture.client(name, secondPort).connect(-1);
        client.nextOfType("map");
        return client;
    }

    private static GatewayCluster member(int index) {
        return new GatewayCluster(clusterName, "127.0.0.1", Integer.parseInt(members.get(index).split(":")[1]),
                members);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private PeerSignalChannel channel(String ownId, X25519Keys own, String remoteId, X25519Keys remote) {
        return TestSignals.channel(ownId, own, remoteId, remote, sequence);
    }
}
