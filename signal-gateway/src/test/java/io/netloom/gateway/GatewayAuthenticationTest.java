package io.netloom.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.netloom.gateway.protocol.ChannelBinding;
import io.netloom.gateway.protocol.GatewaySignIn;
import io.netloom.gateway.protocol.X25519Keys;
import io.netloom.tls.ServerTrust;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Sign-in: a peer proves it holds its key, on the connection it will use, to the gateway it means,
 * before any session exists (docs/protocol.md §1, ADR 0014). A proof taken from one connection is
 * worth nothing on another, through a relay, or for another gateway.
 */
class GatewayAuthenticationTest extends GatewayTestBase {

    @Test
    void signInWhenProofValidOverTlsThenFullMapAndPresenceRecorded() {
        fixture.peer("a", true);
        fixture.peer("b", true);
        ServerCertificate tls = startTls();

        JsonNode first = fixture.tlsClient("a", pinning(tls)).connect(-1).next();

        assertThat(first.get("type").asText()).isEqualTo("map");
        assertThat(first.get("map").get("remote_peers").findValuesAsText("id")).containsExactly("b");
        assertThat(fixture.presence).containsExactly("connected a from 127.0.0.1 test-1.0");
    }

    @Test
    void signInWhenCapturedProofReplayedOnAnotherConnectionFirstThenRefusedAndTheRightfulPeerStillSignsIn() {
        fixture.peer("a", true);
        ServerCertificate tls = startTls();
        TestClient rightful = fixture.tlsClient("a", pinning(tls)).open();
        String captured = rightful.signInFor(rightful.challenge());

        TestClient replayer = fixture.tlsClient(X25519Keys.generate(), fixture.port(), pinning(tls)).open();
        replayer.nonce();
        replayer.send(captured);

        assertThat(replayer.awaitClose()).isEqualTo(CloseCodes.SIGN_IN_REFUSED);
        assertThat(fixture.presence).isEmpty();
        rightful.send(captured);
        assertThat(rightful.next().get("type").asText()).isEqualTo("welcome");
        assertThat(rightful.next().get("type").asText()).isEqualTo("map");
        assertThat(fixture.presence).containsExactly("connected a from 127.0.0.1 test-1.0");
    }

    @Test
    void signInWhenProofBoundToAnotherConnectionsExporterThenRefused() {
        fixture.peer("a", true);
        ServerCertificate tls = startTls();
        TestClient other = fixture.tlsClient("a", pinning(tls)).open();
        TestClient client = fixture.tlsClient("a", pinning(tls)).open();
        byte[] nonce = client.nonce();

        client.send(client.signInFor(new GatewaySignIn(nonce, other.binding())));

        assertThat(client.awaitClose()).isEqualTo(CloseCodes.SIGN_IN_REFUSED);
        assertThat(fixture.connectedPeers()).isZero();
    }

    @Test
    void signInWhenProofNamesAnotherServerCertificateThenRefused() throws Exception {
        fixture.peer("a", true);
        ServerCertificate tls = startTls();
        TestClient client = fixture.tlsClient("a", pinning(tls)).open();
        byte[] nonce = client.nonce();
        ChannelBinding seen = client.binding();
        byte[] otherCertificate = MessageDigest.getInstance("SHA-256").digest("another server".getBytes());

        client.send(client.signInFor(new GatewaySignIn(nonce, ChannelBinding.tlsExporter(seen.exporter(),
                otherCertificate))));

        assertThat(client.awaitClose()).isEqualTo(CloseCodes.SIGN_IN_REFUSED);
    }

    @Test
    void signInWhenProofMadeForAnotherGatewayKeyThenRefused() {
        fixture.peer("a", true);
        ServerCertificate tls = startTls();
        TestClient client = fixture.tlsClient("a", pinning(tls)).open();

        client.send(client.signInFor(client.challenge(), client.keys, X25519Keys.generate().publicKey()));

        assertThat(client.awaitClose()).isEqualTo(CloseCodes.SIGN_IN_REFUSED);
    }

    @Test
    void signInWhenProofOverTlsClaimsNoChannelThenRefused() {
        fixture.peer("a", true);
        ServerCertificate tls = startTls();
        TestClient client = fixture.tlsClient("a", pinning(tls)).open();

        client.send(client.signInFor(new GatewaySignIn(client.nonce(), ChannelBinding.unbound())));

        assertThat(client.awaitClose()).isEqualTo(CloseCodes.SIGN_IN_REFUSED);
    }

    @Test
    void signInWhenRelayTerminatesTlsWithAnotherCertificateThenRefusedAndNoSession() {
        fixture.peer("a", true);
        ServerCertificate tls = startTls();
        ServerCertificate relayCertificate = SelfSignedCertificate.forLoopback();
        try (TlsTerminatingRelay relay = TlsTerminatingRelay.start(vertx, relayCertificate, fixture.port(), tls)) {

            short refused = fixture.tlsClient(fixture.keysOf("a"), relay.port(), pinning(relayCertificate))
                    .refusedSignIn();

            assertThat(refused).isEqualTo(CloseCodes.SIGN_IN_REFUSED);
        }
        assertThat(fixture.presence).isEmpty();
        assertThat(fixture.connectedPeers()).isZero();
    }

    @Test
    void signInWhenRelayTerminatesTlsWithTheGatewaysOwnCertificateThenRefused() {
        fixture.peer("a", true);
        ServerCertificate tls = startTls();
        try (TlsTerminatingRelay relay = TlsTerminatingRelay.start(vertx, tls, fixture.port(), tls)) {

            short refused = fixture.tlsClient(fixture.keysOf("a"), relay.port(), pinning(tls)).refusedSignIn();

            assertThat(refused).isEqualTo(CloseCodes.SIGN_IN_REFUSED);
        }
        assertThat(fixture.presence).isEmpty();
    }

    @Test
    void signInWhenPlainWebSocketThenProofCoversNonceAndGatewayKeyOnly() {
        fixture.peer("a", true);
        fixture.start(TestConfigs.defaults());
        TestClient client = fixture.client("a").open();
        GatewaySignIn challenge = client.challenge();

        client.send(client.signInFor(challenge));

        assertThat(client.binding()).isEqualTo(ChannelBinding.unbound());
        assertThat(client.next().get("type").asText()).isEqualTo("welcome");
        assertThat(client.next().get("type").asText()).isEqualTo("map");
    }

    @Test
    void signInWhenAnotherMessageComesFirstThenClosedWithoutSession() {
        fixture.peer("a", true);
        fixture.start(TestConfigs.defaults());
        TestClient client = fixture.client("a").open();
        client.nonce();

        client.send("{\"type\":\"resync\"}");

        assertThat(client.awaitClose()).isEqualTo(CloseCodes.PROTOCOL_VIOLATION);
        assertThat(client.received).isEmpty();
        assertThat(fixture.presence).isEmpty();
    }

    @Test
    void signInWhenNothingSentThenClosedAtTheDeadline() {
        fixture.peer("a", true);
        fixture.start(TestConfigs.signInTimeout(Duration.ofMillis(300)));
        TestClient client = fixture.client("a").open();
        client.nonce();

        assertThat(client.awaitClose()).isEqualTo(CloseCodes.SIGN_IN_TIMEOUT);
        assertThat(client.socket.closeReason()).isEqualTo("no sign-in within 300 ms");
        assertThat(fixture.presence).isEmpty();
    }

    @Test
    void signInWhenMalformedThenProtocolViolationWithReason() {
        fixture.peer("a", true);
        fixture.start(TestConfigs.defaults());
        String[] malformed = {"{not json", "{\"type\":\"sign_in\"}",
            "{\"type\":\"sign_in\",\"key\":\"" + fixture.keysOf("a").publicKeyBase64() + "\",\"proof\":\"%%%\"}",
            "{\"type\":\"sign_in\",\"key\":\"" + fixture.keysOf("a").publicKeyBase64() + "\",\"proof\":\"AAAA\",\"serial\":-2}",
            "{\"type\":\"sign_in\",\"key\":\"" + fixture.keysOf("a").publicKeyBase64() + "\",\"proof\":\"AAAA\",\"serial\":2,"
                + "\"model\":" + "7".repeat(65) + "}"};
        String[] reasons = {"malformed sign-in: not a JSON object", "malformed sign-in: public key must be 32 bytes",
            "malformed sign-in: proof is not base64", "malformed sign-in: serial must be a non-negative integer",
            "malformed sign-in: model must be text of 1 to 64 characters"};

        for (int i = 0; i < malformed.length; i++) {
            TestClient client = fixture.client("a").open();
            client.nonce();
            client.send(malformed[i]);
            assertThat(client.awaitClose()).isEqualTo(CloseCodes.PROTOCOL_VIOLATION);
            assertThat(client.socket.closeReason()).isEqualTo(reasons[i]);
        }
        assertThat(fixture.presence).isEmpty();
    }

    @Test
    void signInWhenProofMadeWithAnotherPrivateKeyThenRefused() {
        X25519Keys victim = fixture.peer("a", true);
        fixture.start(TestConfigs.defaults());
        TestClient impostor = fixture.clientWithKeys(X25519Keys.generate()).open();
        GatewaySignIn challenge = impostor.challenge();
        String claimingVictim = impostor.signInFor(challenge).replace(impostor.keys.publicKeyBase64(),
                victim.publicKeyBase64());

        impostor.send(claimingVictim);

        assertThat(impostor.awaitClose()).isEqualTo(CloseCodes.SIGN_IN_REFUSED);
        assertThat(fixture.presence).isEmpty();
    }

    @Test
    void signInWhenKeyNotEnrolledThenForbiddenWithReason() {
        fixture.start(TestConfigs.defaults());
        TestClient stranger = fixture.clientWithKeys(X25519Keys.generate());

        assertThat(stranger.refusedSignIn()).isEqualTo(CloseCodes.PEER_REVOKED);
        assertThat(stranger.socket).isNull();
    }

    @Test
    void upgradeWhenDaemonSpeaksVersion1ThenUpgradeRequiredWithReason() throws Exception {
        fixture.start(TestConfigs.defaults());
        HttpClient http = HttpClient.newHttpClient();

        HttpResponse<String> challenge = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + fixture.port() + "/v1/challenge")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(challenge.statusCode()).isEqualTo(426);
        assertThat(challenge.body()).contains("/v2/peer").contains("update the netloom daemon");
    }

    @Test
    void upgradeWhenGatewayHasCertificateThenOnlyTlsClientsConnect() {
        fixture.peer("a", true);
        ServerCertificate certificate = startTls();

        JsonNode first = fixture.tlsClient("a", pinning(certificate)).connect(-1).next();

        assertThat(first.get("type").asText()).isEqualTo("map");
        assertThatThrownBy(() -> fixture.client("a").open()).isInstanceOf(AssertionError.class);
    }

    private ServerCertificate startTls() {
        ServerCertificate certificate = SelfSignedCertificate.forLoopback();
        fixture.start(TestConfigs.tls(certificate));
        return certificate;
    }

    /** What the daemon trusts after enrollment: the gateway's certificate pinned by its fingerprint. */
    private static ServerTrust pinning(ServerCertificate certificate) {
        return ServerTrust.pinned(certificate.fingerprint());
    }
}
