package io.netloom.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.netloom.gateway.protocol.Wire;
import io.netloom.projections.networkmap.MapDelta;
import io.netloom.projections.networkmap.NetworkMap;
import org.junit.jupiter.api.Test;

/** Map sync: full map, deltas, reconnects, gaps and slow consumers; every message signed for its peer. */
class GatewaySyncTest extends GatewayTestBase {

    @Test
    void syncWhenMapChangesThenDeltaFollowsFullMapWithConsecutiveSerials() {
        fixture.peer("a", true);
        fixture.start(TestConfigs.defaults());
        TestClient a = fixture.client("a").connect(-1);
        NetworkMap held = map(a.nextOfType("map"));

        fixture.peer("b", true);

        MapDelta delta = delta(a.nextOfType("delta"));
        assertThat(delta.baseSerial()).isEqualTo(held.serial());
        assertThat(delta.applyTo(held)).isEqualTo(currentMap("a"));
    }

    @Test
    void syncWhenReconnectingWithKnownSerialThenOnlyMissingDeltas() {
        fixture.peer("a", true);
        fixture.start(TestConfigs.defaults());
        TestClient first = fixture.client("a").connect(-1);
        JsonNode fullMap = first.nextOfType("map");
        NetworkMap held = map(fullMap);
        first.close();
        fixture.peer("b", true);
        fixture.peer("c", true);

        TestClient again = fixture.client("a").connect(held.serial(), model(fullMap));
        JsonNode message = again.next();

        assertThat(message.get("type").asText()).isEqualTo("delta");
        NetworkMap rebuilt = delta(message).applyTo(held);
        while (rebuilt.serial() < currentMap("a").serial()) {
            rebuilt = delta(again.nextOfType("delta")).applyTo(rebuilt);
        }
        assertThat(rebuilt).isEqualTo(currentMap("a"));
    }

    @Test
    void syncWhenReconnectingWithSerialOfAnotherModelThenFullMapOfThisModel() {
        fixture.peer("a", true);
        fixture.start(TestConfigs.defaults());
        TestClient first = fixture.client("a").connect(-1);
        NetworkMap held = map(first.nextOfType("map"));
        first.close();

        JsonNode message = fixture.client("a").connect(held.serial(), "a-model-of-another-process").next();

        assertThat(message.get("type").asText()).isEqualTo("map");
        assertThat(map(message)).isEqualTo(currentMap("a"));
        assertThat(model(message)).isEqualTo(fixture.maps.modelId());
    }

    @Test
    void syncWhenReconnectingWithSerialButNoModelThenFullMap() {
        fixture.peer("a", true);
        fixture.start(TestConfigs.defaults());
        TestClient first = fixture.client("a").connect(-1);
        NetworkMap held = map(first.nextOfType("map"));
        first.close();

        JsonNode message = fixture.client("a").connect(held.serial()).next();

        assertThat(message.get("type").asText()).isEqualTo("map");
        assertThat(map(message)).isEqualTo(currentMap("a"));
    }

    @Test
    void syncWhenReconnectingUpToDateWithSameModelThenNoMapUntilNextChange() {
        fixture.peer("a", true);
        fixture.start(TestConfigs.defaults());
        TestClient first = fixture.client("a").connect(-1);
        JsonNode fullMap = first.nextOfType("map");
        NetworkMap held = map(fullMap);
        first.close();
        TestClient again = fixture.client("a").connect(held.serial(), model(fullMap));

        fixture.peer("b", true);

        JsonNode message = again.next();
        assertThat(message.get("type").asText()).isEqualTo("delta");
        assertThat(delta(message).baseSerial()).isEqualTo(held.serial());
        assertThat(delta(message).applyTo(held)).isEqualTo(currentMap("a"));
    }

    @Test
    void syncWhenSerialUnknownToGatewayThenFullMap() {
        fixture.peer("a", true);
        fixture.start(TestConfigs.defaults());

        JsonNode message = fixture.client("a").connect(999_999).next();

        assertThat(message.get("type").asText()).isEqualTo("map");
        assertThat(map(message)).isEqualTo(currentMap("a"));
    }

    @Test
    void syncWhenPeerReportsGapThenFullMapResent() {
        fixture.peer("a", true);
        fixture.start(TestConfigs.defaults());
        TestClient a = fixture.connected("a");

        a.send(Wire.resync());

        assertThat(map(a.nextOfType("map"))).isEqualTo(currentMap("a"));
    }

    @Test
    void syncWhenConsumerSlowThenQueuedDeltasArriveInOrderAndNothingLost() {
        for (int i = 0; i < 40; i++) {
            fixture.peer("p" + i, true);
        }
        fixture.start(TestConfigs.queues(10 * 1024 * 1024, 16 * 1024));
        TestClient slow = fixture.client("p0").connect(-1);
        NetworkMap held = map(slow.nextOfType("map"));
        slow.socket.pause();
        int changes = 1_500;
        changeDnsDomain(changes);

        slow.socket.resume();
        int messages = 0;
        while (held.serial() < currentMap("p0").serial()) {
            held = delta(slow.nextOfType("delta")).applyTo(held);
            messages++;
        }

        assertThat(held).isEqualTo(currentMap("p0"));
        assertThat(messages).isEqualTo(changes);
    }

    @Test
    void syncWhenSlowConsumersQueueOverflowsThenSignedFullMapInsteadOfDeltas() {
        for (int i = 0; i < 40; i++) {
            fixture.peer("p" + i, true);
        }
        fixture.start(TestConfigs.queues(16 * 1024, 16 * 1024));
        TestClient slow = fixture.connected("p0");
        slow.socket.pause();
        changeDnsDomain(1_500);

        slow.socket.resume();
        NetworkMap resent = map(slow.nextOfType("map"));

        while (resent.serial() < currentMap("p0").serial()) {
            resent = delta(slow.nextOfType("delta")).applyTo(resent);
        }
        assertThat(resent).isEqualTo(currentMap("p0"));
    }

    /** Changes every peer's map {@code times} times, each change one serial. */
    private void changeDnsDomain(int times) {
        for (int i = 0; i < times; i++) {
            String domain = i % 2 == 0 ? "corp.example" : "netloom.internal";
            fixture.maps.change(GatewayFixture.ACCOUNT, network -> network.changeDnsDomain(domain));
        }
    }
}
