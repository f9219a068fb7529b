package io.netloom.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netloom.domain.ids.PeerId;
import io.netloom.gateway.protocol.Wire;
import io.netloom.projections.networkmap.MapDelta;
import io.netloom.projections.networkmap.NetworkMap;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** A fresh gateway fixture per test, on the Vert.x instance vertx-junit5 provides, and message readers. */
@ExtendWith(VertxExtension.class)
abstract class GatewayTestBase {

    GatewayFixture fixture;
    Vertx vertx;

    @BeforeEach
    void setUpFixture(Vertx vertx) {
        this.vertx = vertx;
        fixture = new GatewayFixture(vertx);
    }

    @AfterEach
    void tearDownFixture() {
        fixture.close();
    }

    static void assertErrorThenClose(TestClient client, String errorCode, short closeCode) {
        assertThat(client.nextOfType("error").get("code").asText()).isEqualTo(errorCode);
        assertThat(client.awaitClose()).isEqualTo(closeCode);
    }

    NetworkMap currentMap(String peer) {
        return fixture.maps.mapOf(GatewayFixture.ACCOUNT, new PeerId(peer)).orElseThrow();
    }

    /**
     * The map a message carries, without the model it names ({@link #model}); {@link TestClient} has checked its
     * signature on arrival.
     */
    static NetworkMap map(JsonNode message) {
        ObjectNode map = message.get("map").deepCopy();
        map.remove("model");
        return Wire.JSON.convertValue(map, NetworkMap.class);
    }

    /** The model a full map names (ADR 0057). */
    static String model(JsonNode message) {
        return message.get("map").get("model").asText();
    }

    /** The delta a message carries; {@link TestClient} has checked its signature on arrival. */
    static MapDelta delta(JsonNode message) {
        return Wire.JSON.convertValue(message.get("delta"), MapDelta.class);
    }
}
