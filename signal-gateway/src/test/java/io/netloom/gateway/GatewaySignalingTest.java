package io.netloom.gateway;

import static io.netloom.gateway.TestSignals.sealed;
import static io.netloom.gateway.TestSignals.single;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.netloom.gateway.protocol.PeerSignalChannel;
import io.netloom.gateway.protocol.SealedSignal;
import io.netloom.gateway.protocol.Wire;
import io.netloom.gateway.protocol.X25519Keys;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The relay of end-to-end encrypted signaling between peers. */
class GatewaySignalingTest extends GatewayTestBase {

    /**
     * ADR 0048: B's connection dies unnoticed (its public address changed) just as A's handshake is written to it;
     * B's next session gets the handshake, so A's negotiation goes on.
     */
    @Test
    void signalWhenTheRecipientReconnectsBeforeAnsweringThenItsNewSessionGetsTheSignalAgain() {
        Pair pair = connectedPair();
        SealedSignal handshake = handshakeFromA(pair);

        pair.a().send(Wire.signalTo("b", handshake));
        pair.b().nextOfType("signal");
        TestClient bAgain = fixture.client("b").connect(-1);

        JsonNode carried = bAgain.nextOfType("signal");
        assertThat(carried.get("seq").asLong()).isEqualTo(handshake.seq());
        assertThat(carried.get("from").asText()).isEqualTo("a");
        assertThat(channel("b", pair.bKeys(), "a", pair.aKeys()).receive(sealed(carried)).replies())
                .as("B answers it").hasSize(1);
    }

    @Test
    void signalWhenTheRecipientSpokeAfterItThenItsNextSessionDoesNotGetItAgain() {
        Pair pair = connectedPair();
        pair.a().send(Wire.signalTo("b", handshakeFromA(pair)));
        pair.b().nextOfType("signal");
        pair.b().send(Wire.resync());
        pair.b().nextOfType("map");

        TestClient bAgain = fixture.client("b").connect(-1);
        bAgain.nextOfType("map");
        bAgain.send(Wire.resync());
        bAgain.nextOfType("map");

        assertThat(bAgain.received).noneMatch(received -> received.path("type").asText().equals("signal"));
    }

    /** Peers a and b, each in the other's map, both connected. */
    private record Pair(X25519Keys aKeys, X25519Keys bKeys, TestClient a, TestClient b) {
    }

    /** What a's offer to b opens with. */
    private SealedSignal handshakeFromA(Pair pair) {
        return single(channel("a", pair.aKeys(), "b", pair.bKeys()).send(PeerSignalChannel.OFFER, new byte[8]));
    }

    private Pair connectedPair() {
        X25519Keys aKeys = fixture.peer("a", true);
        X25519Keys bKeys = fixture.peer("b", true);
        fixture.start(TestConfigs.defaults());
        return new Pair(aKeys, bKeys, fixture.connected("a"), fixture.connected("b"));
    }

    private final AtomicLong sequence = new AtomicLong(System.currentTimeMillis() * 1000);

    @Test
    void signalWhenPeersSeeEachOtherThenHandshakeAndOfferRelayedWithGatewayNamedSenderAndOpaquePayload() {
        X25519Keys aKeys = fixture.peer("a", true);
        X25519Keys bKeys = fixture.peer("b", true);
        fixture.start(TestConfigs.defaults());
        TestClient a = fixture.connected("a");
        TestClient b = fixture.connected("b");
        PeerSignalChannel aChannel = channel("a", aKeys, "b", bKeys);
        PeerSignalChannel bChannel = channel("b", bKeys, "a", aKeys);
        byte[] offer = "{\"ufrag\":\"x\",\"pwd\":\"secret-ice-password\"}".getBytes(StandardCharsets.UTF_8);

        a.send(Wire.signalTo("b", single(aChannel.send(PeerSignalChannel.OFFER, offer))));
        JsonNode handshake = b.nextOfType("signal");
        assertThat(handshake.get("kind").asText()).isEqualTo(PeerSignalChannel.HANDSHAKE);
        assertThat(channel("b", fixture.gatewayKeys, "a", aKeys).receive(sealed(handshake)).refusal())
                .as("the gateway's own key opens nothing").contains("does not authenticate");
        b.send(Wire.signalTo("a", single(bChannel.receive(sealed(handshake)).replies())));
        JsonNode reply = a.nextOfType("signal");
        assertThat(reply.get("kind").asText()).isEqualTo(PeerSignalChannel.HANDSHAKE_REPLY);
        a.send(Wire.signalTo("b", single(aChannel.receive(sealed(reply)).replies())));
        JsonNode relayed = b.nextOfType("signal");

        assertThat(relayed.get("from").asText()).isEqualTo("a");
        assertThat(relayed.get("kind").asText()).isEqualTo(PeerSignalChannel.OFFER);
        assertThat(relayed.toString()).doesNotContain("secret-ice-password");
        assertThat(bChannel.receive(sealed(relayed)).payload()).isEqualTo(offer);
    }

    @Test
    void signalWhenRecipientNotInSendersMapThenRefusedAndNotDelivered() {
        X25519Keys aKeys = fixture.peer("a", true);
        X25519Keys outsiderKeys = fixture.peer("outsider", false);
        fixture.start(TestConfigs.defaults());
        TestClient a = fixture.connected("a");
        TestClient outsider = fixture.connected("outsider");

        a.send(Wire.signalTo("outsider", single(channel("a", aKeys, "outsider", outsiderKeys)
                .send(PeerSignalChannel.OFFER, new byte[4]))));

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
        SealedSignal handshake = single(channel("a", aKeys, "b", bKeys).send(PeerSignalChannel.OFFER, new byte[8]));
        String message = Wire.signalTo("b", handshake);

        a.send(message);
        a.send(message);

        assertThat(a.nextOfType("error").get("code").asText()).isEqualTo("replayed");
        assertThat(b.nextOfType("signal").get("seq").asLong()).isEqualTo(handshake.seq());
        a.send(Wire.resync());
        a.nextOfType("map");
        assertThat(b.received).noneMatch(received -> received.path("type").asText().equals("signal"));
    }

    @Test
    void signalWhenRecipientOfflineThenRefusedAndItsSeqNotUsedUp() {
        X25519Keys aKeys = fixture.peer("a", true);
        X25519Keys bKeys = fixture.peer("b", true);
        fixture.start(TestConfigs.defaults());
        TestClient a = fixture.connected("a");
        SealedSignal handshake = single(channel("a", aKeys, "b", bKeys).send(PeerSignalChannel.OFFER, new byte[8]));
        String message = Wire.signalTo("b", handshake);

        a.send(message);
        assertThat(a.nextOfType("error").get("code").asText()).isEqualTo("peer_offline");
        TestClient b = fixture.connected("b");
        a.send(message);

        assertThat(b.nextOfType("signal").get("seq").asLong()).isEqualTo(handshake.seq());
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

    private PeerSignalChannel channel(String ownId, X25519Keys own, String remoteId, X25519Keys remote) {
        return TestSignals.channel(ownId, own, remoteId, remote, sequence);
    }
}
