package io.netloom.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.domain.ids.PeerId;
import io.netloom.domain.ids.UserId;
import io.netloom.projections.networkmap.NetworkMap;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How sessions end: revocation, replacement, heartbeats. */
class GatewaySessionLifecycleTest extends GatewayTestBase {

    @Test
    void sessionWhenPeerRemovedThenClosedWithReason() {
        fixture.peer("a", true);
        fixture.start(TestConfigs.defaults());
        TestClient a = fixture.connected("a");

        fixture.maps.removePeer(GatewayFixture.ACCOUNT, new PeerId("a"));

        assertThat(a.awaitClose()).isEqualTo(CloseCodes.PEER_REVOKED);
        assertThat(a.socket.closeReason()).isEqualTo("peer removed");
    }

    @Test
    void sessionWhenOwnerBlockedThenClosedWithReasonAndOtherPeersTold() {
        fixture.peer("alice-laptop", true, new UserId("alice"));
        fixture.peer("server", true);
        fixture.start(TestConfigs.defaults());
        TestClient laptop = fixture.client("alice-laptop").connect(-1);
        TestClient server = fixture.client("server").connect(-1);
        laptop.nextOfType("map");
        NetworkMap serverMap = map(server.nextOfType("map"));

        fixture.maps.blockUser(GatewayFixture.ACCOUNT, new UserId("alice"));

        assertThat(laptop.awaitClose()).isEqualTo(CloseCodes.PEER_REVOKED);
        assertThat(laptop.socket.closeReason()).isEqualTo("owner blocked");
        assertThat(delta(server.nextOfType("delta")).applyTo(serverMap).remotePeers()).isEmpty();
    }

    @Test
    void upgradeWhenOwnerBlockedAfterAdmissionThenSessionClosedAtOnce() {
        fixture.peer("bob-laptop", true, new UserId("bob"));
        fixture.start(TestConfigs.defaults());
        fixture.maps.blockUser(GatewayFixture.ACCOUNT, new UserId("bob"));

        TestClient laptop = fixture.client("bob-laptop").connect(-1);

        assertThat(laptop.awaitClose()).isEqualTo(CloseCodes.PEER_REVOKED);
        assertThat(laptop.socket.closeReason()).isEqualTo("owner blocked");
    }

    @Test
    void sessionWhenSameKeyConnectsAgainThenOlderSessionReplaced() {
        fixture.peer("a", true);
        fixture.start(TestConfigs.defaults());
        TestClient first = fixture.connected("a");

        fixture.client("a").connect(-1).nextOfType("map");

        assertThat(first.awaitClose()).isEqualTo(CloseCodes.REPLACED);
        assertThat(fixture.connectedPeers()).isEqualTo(1);
    }

    @Test
    void sessionWhenPeerStopsAnsweringHeartbeatsThenClosedAndRecordedOffline() throws InterruptedException {
        fixture.peer("a", true);
        fixture.start(TestConfigs.heartbeat(Duration.ofMillis(50), Duration.ofMillis(200)));
        TestClient a = fixture.connected("a");

        a.socket.pause();

        long deadline = System.nanoTime() + TestClient.PATIENCE.toNanos();
        while (!fixture.presence.contains("disconnected a") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(fixture.presence).contains("disconnected a");
        assertThat(fixture.connectedPeers()).isZero();
    }

    @Test
    void sessionWhenPeerAnswersHeartbeatsThenKeptOpen() throws InterruptedException {
        fixture.peer("a", true);
        fixture.start(TestConfigs.heartbeat(Duration.ofMillis(50), Duration.ofMillis(1_000)));
        TestClient a = fixture.connected("a");

        Thread.sleep(3_000);

        assertThat(fixture.connectedPeers()).isEqualTo(1);
        assertThat(fixture.presence).doesNotContain("disconnected a");
    }
}
