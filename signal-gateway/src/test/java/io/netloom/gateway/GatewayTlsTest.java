package io.netloom.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netloom.tls.ServerTrust;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The gateway over TLS: who a peer accepts as its gateway, and certificates replaced while it runs. */
class GatewayTlsTest extends GatewayTestBase {

    @Test
    void connectWhenPinnedFingerprintMatchesThenSessionEvenThoughTheNameDoesNot() {
        fixture.peer("a", true);
        ServerCertificate certificate = SelfSignedCertificate.forOtherHost();
        fixture.start(TestConfigs.tls(certificate));

        TestClient client = fixture.tlsClient("a", ServerTrust.pinned(certificate.fingerprint())).connect(-1);

        assertThat(client.nextOfType("map").get("map").get("serial").asLong()).isPositive();
    }

    @ParameterizedTest
    @EnumSource(SelfSignedCertificate.KeyType.class)
    void connectWhenCertificateHasAnyKeyTheServerAcceptsThenSessionBoundToThatCertificate(
            SelfSignedCertificate.KeyType type) {
        fixture.peer("a", true);
        ServerCertificate certificate = SelfSignedCertificate.forLoopback(type);
        fixture.start(TestConfigs.tls(certificate));

        TestClient client = fixture.tlsClient("a", ServerTrust.pinned(certificate.fingerprint())).connect(-1);

        assertThat(client.nextOfType("map")).isNotNull();
        assertThat(fingerprintOf(client.binding().serverCertificateSha256())).isEqualTo(certificate.fingerprint().text());
    }

    @Test
    void connectWhenPinnedFingerprintDiffersThenRefusedNamingBothAndNoSession() {
        fixture.peer("a", true);
        ServerCertificate served = SelfSignedCertificate.forLoopback();
        ServerCertificate pinned = SelfSignedCertificate.forLoopback();
        fixture.start(TestConfigs.tls(served));
        ServerTrust trust = ServerTrust.pinned(pinned.fingerprint());

        assertThatThrownBy(() -> fixture.tlsClient("a", trust).connect(-1)).isInstanceOf(AssertionError.class);

        ServerTrust.Refusal refusal = trust.lastRefusal().orElseThrow();
        assertThat(refusal.pinMismatch()).isTrue();
        assertThat(refusal.presented()).isEqualTo(served.fingerprint());
        assertThat(refusal.expected()).isEqualTo(pinned.fingerprint());
        assertThat(refusal.reason()).contains(served.fingerprint().text(), pinned.fingerprint().text());
        assertThat(fixture.presence).isEmpty();
    }

    @Test
    void connectWhenNotPinnedAndCertificateSelfSignedThenRefusedAsUntrusted() {
        fixture.peer("a", true);
        ServerCertificate certificate = SelfSignedCertificate.forLoopback();
        fixture.start(TestConfigs.tls(certificate));
        ServerTrust trust = ServerTrust.certificateAuthorities();

        assertThatThrownBy(() -> fixture.tlsClient("a", trust).connect(-1)).isInstanceOf(AssertionError.class);

        ServerTrust.Refusal refusal = trust.lastRefusal().orElseThrow();
        assertThat(refusal.pinMismatch()).isFalse();
        assertThat(refusal.presented()).isEqualTo(certificate.fingerprint());
        assertThat(refusal.reason()).contains("certificate authority");
        assertThat(fixture.presence).isEmpty();
    }

    @Test
    void updateCertificateWhenReplacedThenNewConnectionsGetItAndOpenSessionsStay() {
        fixture.peer("a", true);
        fixture.peer("b", true);
        ServerCertificate first = SelfSignedCertificate.forLoopback();
        ServerCertificate second = SelfSignedCertificate.forLoopback();
        fixture.start(TestConfigs.tls(first));
        TestClient before = fixture.tlsClient("a", ServerTrust.pinned(first.fingerprint())).connect(-1);
        before.nextOfType("map");

        fixture.updateCertificate(second);

        TestClient after = fixture.tlsClient("b", ServerTrust.pinned(second.fingerprint())).connect(-1);
        assertThat(after.nextOfType("map")).isNotNull();
        assertThat(fingerprintOf(after.binding().serverCertificateSha256()))
                .as("the reloaded certificate is served through the channel-binding engine")
                .isEqualTo(second.fingerprint().text());
        fixture.peer("c", true);
        assertThat(before.nextOfType("delta").get("delta").get("upserted_peers").findValuesAsText("id"))
                .as("the session opened before the reload still receives its changes").containsExactly("c");
        assertThatThrownBy(() -> fixture.tlsClient("a", ServerTrust.pinned(first.fingerprint())).connect(-1))
                .as("the old certificate is no longer served").isInstanceOf(AssertionError.class);
        assertThat(fixture.connectedPeers()).isEqualTo(2);
    }

    /** A certificate hash as fingerprints are written. */
    private static String fingerprintOf(byte[] sha256) {
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(sha256);
    }
}
