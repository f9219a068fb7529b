package io.netloom.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.gateway.protocol.PathReport;
import io.netloom.gateway.protocol.PathReport.ConnectionType;
import io.netloom.gateway.protocol.PathReport.Path;
import io.netloom.gateway.protocol.PeerSignalChannel;
import io.netloom.gateway.protocol.SealedSignal;
import io.netloom.gateway.protocol.Wire;
import io.netloom.gateway.protocol.X25519Keys;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** What the gateway tells its meters (ADR 0050): maps pushed by kind, signals by outcome, reported paths by type. */
class GatewayMetersTest extends GatewayTestBase {

    private final AtomicLong sequence = new AtomicLong();

    @Test
    void metersWhenPeersConnectAndTheirMapsChangeThenFullMapsAndDeltasCounted() {
        fixture.peer("a", true);
        fixture.peer("b", true);
        fixture.start(TestConfigs.defaults());
        TestClient a = fixture.connected("a");
        fixture.connected("b");
        assertThat(fixture.counted("map:full")).isEqualTo(2);
        assertThat(fixture.connectedPeers()).isEqualTo(2);

        fixture.peer("c", true);
        a.nextOfType("delta");

        assertThat(fixture.counted("map:delta")).isGreaterThanOrEqualTo(1);
        assertThat(fixture.counted("map:full")).isEqualTo(2);
    }

    @Test
    void metersWhenSignalsAreRelayedOrRefusedThenEachOutcomeCounted() {
        X25519Keys aKeys = fixture.peer("a", true);
        X25519Keys bKeys = fixture.peer("b", true);
        X25519Keys outsiderKeys = fixture.peer("outsider", false);
        X25519Keys cKeys = fixture.peer("c", true);
        fixture.start(TestConfigs.defaults());
        TestClient a = fixture.connected("a");
        TestClient b = fixture.connected("b");
        fixture.connected("outsider");

        String toB = Wire.signalTo("b", offer(aKeys, "b", bKeys));
        a.send(toB);
        b.nextOfType("signal");
        a.send(toB);
        assertThat(a.nextOfType("error").get("code").asText()).isEqualTo("replayed");
        a.send(Wire.signalTo("outsider", offer(aKeys, "outsider", outsiderKeys)));
        assertThat(a.nextOfType("error").get("code").asText()).isEqualTo("not_allowed");
        a.send(Wire.signalTo("c", offer(aKeys, "c", cKeys)));
        assertThat(a.nextOfType("error").get("code").asText()).isEqualTo("peer_offline");

        assertThat(fixture.counted("signal:relayed")).isEqualTo(1);
        assertThat(fixture.counted("signal:replayed")).isEqualTo(1);
        assertThat(fixture.counted("signal:not_allowed")).isEqualTo(1);
        assertThat(fixture.counted("signal:peer_offline")).isEqualTo(1);
    }

    @Test
    void reportedPathsWhenAPeerReportsThenCountedByConnectionType() {
        fixture.peer("a", true);
        fixture.peer("b", true);
        fixture.peer("c", true);
        fixture.start(TestConfigs.defaults());
        TestClient a = fixture.connected("a");

        a.send(PathReport.encode(List.of(
                new Path("b", ConnectionType.P2P, "srflx", "srflx", "203.0.113.7:51820", null, 2.5),
                new Path("c", ConnectionType.RELAYED, "host", "relay", "203.0.113.1:49152", null, null))));
        a.send(Wire.resync());
        a.nextOfType("map");

        assertThat(fixture.reportedPaths(ConnectionType.P2P)).isEqualTo(1);
        assertThat(fixture.reportedPaths(ConnectionType.RELAYED)).isEqualTo(1);
    }

    private SealedSignal offer(X25519Keys own, String remoteId, X25519Keys remote) {
        List<SealedSignal> signals = new PeerSignalChannel("a", own, remoteId, remote.publicKey(),
                sequence::incrementAndGet).send(PeerSignalChannel.OFFER, new byte[8]);
        assertThat(signals).hasSize(1);
        return signals.get(0);
    }
}
