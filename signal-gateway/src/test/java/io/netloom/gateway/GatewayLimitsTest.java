package io.netloom.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.gateway.protocol.Wire;
import org.junit.jupiter.api.Test;

/** Hostile input and limits: every violation ends in an error and a close, never a crash. */
class GatewayLimitsTest extends GatewayTestBase {

    @Test
    void messageWhenMalformedJsonThenErrorAndClose() {
        fixture.peer("a", true);
        fixture.start(TestConfigs.defaults());
        TestClient a = fixture.connected("a");

        a.send("{not json");

        assertErrorThenClose(a, "malformed", CloseCodes.PROTOCOL_VIOLATION);
    }

    @Test
    void messageWhenTypeUnknownThenErrorAndClose() {
        fixture.peer("a", true);
        fixture.start(TestConfigs.defaults());
        TestClient a = fixture.connected("a");

        a.send("{\"type\":\"become_admin\"}");

        assertErrorThenClose(a, "unknown_type", CloseCodes.PROTOCOL_VIOLATION);
    }

    @Test
    void messageWhenFrameOversizeThenClosedAndOthersUnaffected() {
        fixture.peer("a", true);
        fixture.peer("b", true);
        fixture.start(TestConfigs.defaults());
        TestClient a = fixture.connected("a");
        TestClient b = fixture.connected("b");

        a.socket.writeTextMessage("{\"type\":\"resync\",\"pad\":\"" + "x".repeat(100_000) + "\"}");

        assertErrorThenClose(a, "too_large", CloseCodes.MESSAGE_TOO_LARGE);
        b.send(Wire.resync());
        assertThat(b.nextOfType("map").get("map")).isNotNull();
    }

    @Test
    void messageWhenFrameFarBeyondLimitThenConnectionCut() {
        fixture.peer("a", true);
        fixture.start(TestConfigs.defaults());
        TestClient a = fixture.connected("a");

        a.socket.writeTextMessage("x".repeat(600_000));

        a.awaitClose();
        assertThat(fixture.connectedPeers()).isZero();
    }

    @Test
    void messageWhenRateExceededThenErrorAndClose() {
        fixture.peer("a", true);
        fixture.start(TestConfigs.messageRate(2, 3));
        TestClient a = fixture.connected("a");

        for (int i = 0; i < 10; i++) {
            a.socket.writeTextMessage(Wire.resync());
        }

        assertErrorThenClose(a, "rate_limited", CloseCodes.RATE_LIMITED);
    }

    @Test
    void upgradeWhenSourceConnectsTooOftenThenTooManyRequests() {
        fixture.peer("a", true);
        fixture.start(TestConfigs.connectionRate(1, 2));
        fixture.client("a").open();
        fixture.client("a").open();

        assertThat(fixture.client("a").refusedUpgradeStatus()).isEqualTo(429);
    }
}
