package io.netloom.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.netloom.gateway.protocol.GatewayAuthorization;
import io.netloom.gateway.protocol.X25519Keys;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The upgrade: a peer proves it holds its key before any session exists. */
class GatewayAuthenticationTest extends GatewayTestBase {

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
                defaults.heartbeatInterval(), defaults.idleTimeout(), defaults.mapQueueBytes(),
                defaults.writeQueueBytes(), tls.certificate(), tls.key()));

        JsonNode first = fixture.tlsClient("a", tls.certificate()).connect(-1).next();

        assertThat(first.get("type").asText()).isEqualTo("map");
        assertThatThrownBy(() -> fixture.client("a").challenge()).isInstanceOf(AssertionError.class);
    }
}
