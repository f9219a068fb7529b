package io.netloom.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.netloom.gateway.protocol.SignalCipher;
import io.netloom.gateway.protocol.Wire;
import io.netloom.gateway.protocol.X25519Keys;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The relay of end-to-end encrypted signaling between peers. */
class GatewaySignalingTest extends GatewayTestBase {

    @Test
    void signalWhenPeersSeeEachOtherThenRelayedWithGatewayNamedSenderAndOpaquePayload() {
        X25519Keys aKeys = fixture.peer("a", true);
        X25519Keys bKeys = fixture.peer("b", true);
        fixture.start(TestConfigs.defaults());
        TestClient a = fixture.connected("a");
        TestClient b = fixture.connected("b");
        byte[] offer = "{\"ufrag\":\"x\",\"pwd\":\"secret-ice-password\"}".getBytes(StandardCharsets.UTF_8);
        SignalCipher.Sealed sealed = SignalCipher.seal(aKeys, bKeys.publicKey(),
                SignalCipher.associatedData("a", "b", "offer", 1), offer);

        a.send(Wire.signalTo("b", "offer", 1, sealed));
        JsonNode relayed = b.nextOfType("signal");

        assertThat(relayed.get("from").asText()).isEqualTo("a");
        assertThat(relayed.get("ciphertext").asText()).isEqualTo(sealed.ciphertext());
        assertThat(relayed.toString()).doesNotContain("secret-ice-password");
        SignalCipher.Sealed received = new SignalCipher.Sealed(relayed.get("nonce").asText(),
                relayed.get("ciphertext").asText());
        assertThat(SignalCipher.open(bKeys, aKeys.publicKey(), SignalCipher.associatedData("a", "b", "offer", 1),
                received)).isEqualTo(offer);
        assertThatThrownBy(() -> SignalCipher.open(fixture.gatewayKeys, aKeys.publicKey(),
                SignalCipher.associatedData("a", "b", "offer", 1), received))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void signalWhenRecipientNotInSendersMapThenRefusedAndNotDelivered() {
        X25519Keys aKeys = fixture.peer("a", true);
        X25519Keys outsiderKeys = fixture.peer("outsider", false);
        fixture.start(TestConfigs.defaults());
        TestClient a = fixture.connected("a");
        TestClient outsider = fixture.connected("outsider");

        a.send(Wire.signalTo("outsider", "offer", 1, SignalCipher.seal(aKeys, outsiderKeys.publicKey(), "x", new byte[4])));

        JsonNode error = a.nextOfType("error");
        assertThat(error.get("code").asText()).isEqualTo("not_allowed");
        assertThat(outsider.received).noneMatch(message -> message.path("type").asText().equals("signal"));
    }

    @Test
    void signalWhenSequenceReplayedThenRefusedAndDeliveredOnce() {
        X25519Keys aKeys = fixture.peer("a", true);
        X25519Keys bKeys = fixture.peer("b", true);
        fixture.start(TestConfigs.defaults());
        TestClient a = fixture.connected("a");
        TestClient b = fixture.connected("b");
        String message = Wire.signalTo("b", "candidate", 7,
                SignalCipher.seal(aKeys, bKeys.publicKey(), SignalCipher.associatedData("a", "b", "candidate", 7),
                        new byte[8]));

        a.send(message);
        a.send(message);

        assertThat(a.nextOfType("error").get("code").asText()).isEqualTo("replayed");
        assertThat(b.nextOfType("signal").get("seq").asLong()).isEqualTo(7);
        a.send(Wire.resync());
        a.nextOfType("map");
        assertThat(b.received).noneMatch(received -> received.path("type").asText().equals("signal"));
    }

    @Test
    void signalWhenSenderClaimsAnotherIdentityThenSessionClosed() {
        fixture.peer("a", true);
        fixture.peer("b", true);
        fixture.start(TestConfigs.defaults());
        TestClient a = fixture.connected("a");

        a.send("{\"type\":\"signal\",\"from\":\"b\",\"to\":\"a\",\"kind\":\"offer\",\"seq\":1,\"nonce\":\"AA\",\"ciphertext\":\"AA\"}");

        assertErrorThenClose(a, "spoofed_sender", CloseCodes.PROTOCOL_VIOLATION);
    }
}
