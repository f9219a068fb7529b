package io.netloom.server.tls;

import static io.netloom.server.testing.TestData.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netloom.server.testing.NetloomApi;
import io.netloom.server.testing.TestPeers;
import io.netloom.tls.CertificateFingerprint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import io.netloom.server.testing.StandaloneServers;

/** What the server serves at each start: the same generated certificate, plain HTTP only when told, never a wrong pair. */
@ExtendWith(OutputCaptureExtension.class)
class CertificateStartTest {

    @TempDir
    Path dataDir;

    @Test
    void startWhenRestartedThenTheGeneratedCertificateIsReusedAndItsFingerprintLoggedAtEachStart(CapturedOutput output)
            throws Exception {
        CertificateFingerprint first;
        try (ConfigurableApplicationContext server = StandaloneServers.start(dataDir)) {
            first = CertificateFingerprint.of(TlsProbe.served(StandaloneServers.apiPort(server)));
        }
        String certificateBefore = Files.readString(dataDir.resolve("tls/server.crt"));

        try (ConfigurableApplicationContext server = StandaloneServers.start(dataDir)) {
            assertThat(CertificateFingerprint.of(TlsProbe.served(StandaloneServers.apiPort(server)))).isEqualTo(first);
            assertThat(CertificateFingerprint.of(TlsProbe.served(StandaloneServers.gatewayPort(server)))).isEqualTo(first);
        }
        assertThat(Files.readString(dataDir.resolve("tls/server.crt"))).isEqualTo(certificateBefore);
        assertThat(Files.readString(dataDir.resolve("server-fingerprint")).strip()).isEqualTo(first.text());
        assertThat(Pattern.compile("SHA-256 fingerprint " + Pattern.quote(first.text())).matcher(output.getOut())
                .results().count()).as("log lines naming the fingerprint").isEqualTo(2);
    }

    @Test
    void startWhenInsecureHttpThenPlainHttpWithoutCertificateAndAWarning(CapturedOutput output) {
        try (ConfigurableApplicationContext server = StandaloneServers.start(dataDir, "netloom.insecure-http=true")) {
            NetloomApi api = new NetloomApi(StandaloneServers.apiPort(server));
            String token = readAdminToken();
            String setupKey = TestPeers.createReusableKey(api.as(token), List.of());

            JsonNode gateway = ok(api.anonymous().post("/api/netloom/enroll",
                    TestPeers.enrollment(setupKey, TestPeers.newPublicKey(), "plain"))).body().get("gateway");

            assertThat(gateway.get("url").asString()).startsWith("ws://");
            assertThat(gateway.get("certificate_fingerprint").isNull()).isTrue();
        }
        assertThat(dataDir.resolve("server-fingerprint")).doesNotExist();
        assertThat(output.getOut()).containsPattern("WARN .*netloom.insecure-http=true: the API and the gateway speak "
                + "plain HTTP");
    }

    @Test
    void startWhenTheKeyDoesNotBelongToTheCertificateThenRefusedNamingTheFiles(@TempDir Path files) throws Exception {
        Path certificate = files.resolve("server.crt");
        Path key = files.resolve("server.key");
        PemCertificateFiles.write(TestCertificates.issue("localhost"), certificate, files.resolve("unused.key"));
        PemCertificateFiles.write(TestCertificates.issue("localhost"), files.resolve("unused.crt"), key);

        assertThatThrownBy(() -> StandaloneServers.start(dataDir, "netloom.tls.certificate=" + certificate,
                "netloom.tls.private-key=" + key))
                .rootCause().hasMessageContaining("does not belong").hasMessageContaining(key.toString());
    }

    @Test
    void startWhenTheGatewaysFormerTlsSettingIsGivenThenRefusedNamingTheNewOnes() {
        assertThatThrownBy(() -> StandaloneServers.start(dataDir, "netloom.gateway.tls-certificate=/etc/gateway.crt"))
                .rootCause().hasMessageContaining("netloom.tls.certificate");
    }

    private String readAdminToken() {
        try {
            return Files.readString(dataDir.resolve("admin-token")).strip();
        } catch (IOException e) {
            throw new AssertionError("no admin token", e);
        }
    }
}
