package io.netloom.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.ids.UserId;
import io.netloom.gateway.protocol.GatewayAuthorization;
import io.netloom.gateway.protocol.SignalCipher;
import io.netloom.gateway.protocol.Wire;
import io.netloom.gateway.protocol.X25519Keys;
import io.netloom.projections.networkmap.MapDelta;
import io.netloom.projections.networkmap.NetworkMap;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class SignalGatewayTest {

    private Vertx vertx;
    private GatewayFixture fixture;

    @BeforeEach
    void setUp(Vertx vertx) {
        this.vertx = vertx;
        fixture = new GatewayFixture(vertx);
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    // ---- authentication

    @Test
    void upgradeWhenProofValidThenFullMapAndPresenceRecorded() {
        fixture.peer("a", true);
        fixture.peer("b", true);
        fixture.start(TestConfigs.defaults());

        JsonNode first = fixture.client("a").connect(-1).next();

        assertThat(first.get("type").asText()).isEqualTo("map");
        assertThat(first.get("map").get("remote_peers").findValuesAsText("id")).containsExactly("b");
        assertThat(fixture.presence).containsExactly("connected a from 127.0.0.1 test-1.0");
    }

    @Test
    void upgradeWhenAuthorizationMissingOrMalformedThenUnauthorizedAndNoSession() {
        fixture.peer("a", true);
        fixture.start(TestConfigs.defaults());
        TestClient client = fixture.client("a");

        assertThat(client.refusedStatus("")).isEqualTo(401);
        assertThat(client.refusedStatus("Bearer abc")).isEqualTo(401);
        assertThat(client.refusedStatus(GatewayAuthorization.SCHEME + " key=x")).isEqualTo(401);
        assertThat(fixture.connectedPeers()).isZero();
        assertThat(fixture.presence).isEmpty();
    }

    @Test
    void upgradeWhenProofMadeWithAnotherPrivateKeyThenUnauthorized() {
        X25519Keys victim = fixture.peer("a", true);
        fixture.start(TestConfigs.defaults());
        TestClient impostor = fixture.clientWithKeys(X25519Keys.generate());
        GatewayAuthorization forged = GatewayAuthorization.prove(impostor.keys, fixture.gatewayKeys.publicKey(),
                impostor.challenge());

        String claimingVictim = new GatewayAuthorization(victim.publicKeyBase64(), forged.nonce(), forged.mac())
                .headerValue();

        assertThat(impostor.refusedStatus(claimingVictim)).isEqualTo(401);
    }

    @Test
    void upgradeWhenNonceReusedOrInventedThenUnauthorized() {
        fixture.peer("a", true);
        fixture.start(TestConfigs.defaults());
        TestClient client = fixture.client("a");
        String header = GatewayAuthorization.prove(client.keys, fixture.gatewayKeys.publicKey(), client.challenge())
                .headerValue();
        client.connectWith(header, -1).next();
        client.close();

        assertThat(fixture.client("a").refusedStatus(header)).isEqualTo(401);
        assertThat(fixture.client("a").refusedStatus(GatewayAuthorization.prove(client.keys,
                fixture.gatewayKeys.publicKey(), "made-up-nonce").headerValue())).isEqualTo(401);
    }

    @Test
    void upgradeWhenKeyNotEnrolledThenForbidden() {
        fixture.start(TestConfigs.defaults());

        TestClient stranger = fixture.clientWithKeys(X25519Keys.generate());
        assertThat(stranger.refusedStatus(GatewayAuthorization.prove(stranger.keys, fixture.gatewayKeys.publicKey(),
                stranger.challenge()).headerValue())).isEqualTo(403);
    }

    @Test
    void upgradeWhenGatewayHasCertificateThenOnlyTlsClientsConnect(@TempDir Path directory) throws Exception {
        fixture.peer("a", true);
        SelfSignedCertificate tls = SelfSignedCertificate.forLoopback(directory);
        GatewayConfig defaults = TestConfigs.defaults();
        fixture.start(new GatewayConfig(defaults.host(), 0, defaults.maxFrameBytes(), defaults.messagesPerSecond(),
                defaults.messageBurst(), defaults.connectionsPerSecond(), defaults.connectionBurst(),
                defaults.heartbeatInterval(), defaults.idleTimeout(), defaults.maxCoalescedSerials(),
                defaults.writeQueueBytes(), tls.certificate(), tls.key()));

        JsonNode first = fixture.tlsClient("a", tls.certificate()).connect(-1).next();

        assertThat(first.get("type").asText()).isEqualTo("map");
        assertThatThrownBy(() -> fixture.client("a").challenge()).isInstanceOf(AssertionError.class);
    }

    // ---- sync

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
        NetworkMap held = map(first.nextOfType("map"));
        first.close();
        fixture.peer("b", true);
        fixture.peer("c", true);

        TestClient again = fixture.client("a").connect(held.serial());
        JsonNode message = again.next();

        assertThat(message.get("type").asText()).isEqualTo("delta");
        NetworkMap rebuilt = delta(message).applyTo(held);
        while (rebuilt.serial() < currentMap("a").serial()) {
            rebuilt = delta(again.nextOfType("delta")).applyTo(rebuilt);
        }
        assertThat(rebuilt).isEqualTo(currentMap("a"));
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
    void syncWhenConsumerSlowThenChangesCoalescedAndNothingLost() {
        for (int i = 0; i < 40; i++) {
            fixture.peer("p" + i, true);
        }
        fixture.start(TestConfigs.coalescing(100_000, 16 * 1024));
        TestClient slow = fixture.client("p0").connect(-1);
        NetworkMap held = map(slow.nextOfType("map"));
        slow.socket.pause();
        int changes = 1_500;
        for (int i = 0; i < changes; i++) {
            String domain = i % 2 == 0 ? "corp.example" : "netloom.internal";
            fixture.maps.change(GatewayFixture.ACCOUNT, network -> network.changeDnsDomain(domain));
        }

        slow.socket.resume();
        int messages = 0;
        while (held.serial() < currentMap("p0").serial()) {
            held = delta(slow.nextOfType("delta")).applyTo(held);
            messages++;
        }

        assertThat(held).isEqualTo(currentMap("p0"));
        assertThat(messages).isLessThan(changes);
    }

    @Test
    void syncWhenConsumerFallsTooFarBehindThenFullMapInsteadOfDeltas() {
        for (int i = 0; i < 40; i++) {
            fixture.peer("p" + i, true);
        }
        fixture.start(TestConfigs.coalescing(20, 16 * 1024));
        TestClient slow = fixture.connected("p0");
        slow.socket.pause();
        for (int i = 0; i < 1_500; i++) {
            String domain = i % 2 == 0 ? "corp.example" : "netloom.internal";
            fixture.maps.change(GatewayFixture.ACCOUNT, network -> network.changeDnsDomain(domain));
        }

        slow.socket.resume();
        NetworkMap resent = map(slow.nextOfType("map"));

        while (resent.serial() < currentMap("p0").serial()) {
            resent = delta(slow.nextOfType("delta")).applyTo(resent);
        }
        assertThat(resent).isEqualTo(currentMap("p0"));
    }

    // ---- signaling

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

    // ---- hostile input and limits

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
    void challengeWhenSourceConnectsTooOftenThenTooManyRequests() {
        fixture.peer("a", true);
        fixture.start(TestConfigs.connectionRate(1, 2));
        TestClient a = fixture.client("a");
        a.challenge();
        a.challenge();

        assertThatThrownBy(a::challenge).isInstanceOf(AssertionError.class);
    }

    // ---- session lifecycle

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

    private static void assertErrorThenClose(TestClient client, String errorCode, short closeCode) {
        assertThat(client.nextOfType("error").get("code").asText()).isEqualTo(errorCode);
        assertThat(client.awaitClose()).isEqualTo(closeCode);
    }

    private NetworkMap currentMap(String peer) {
        return fixture.maps.mapOf(GatewayFixture.ACCOUNT, new PeerId(peer)).orElseThrow();
    }

    private static NetworkMap map(JsonNode message) {
        return Wire.JSON.convertValue(message.get("map"), NetworkMap.class);
    }

    private static MapDelta delta(JsonNode message) {
        return Wire.JSON.convertValue(message.get("delta"), MapDelta.class);
    }
}
