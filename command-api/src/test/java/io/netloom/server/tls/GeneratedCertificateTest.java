package io.netloom.server.tls;

import static io.netloom.server.testing.TestData.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netloom.gateway.client.GatewayClient;
import io.netloom.gateway.protocol.X25519Keys;
import io.netloom.server.testing.NetloomApi;
import io.netloom.server.testing.TestPeers;
import io.netloom.tls.CertificateFingerprint;
import io.netloom.tls.ServerTrust;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import io.netloom.server.testing.StandaloneServers;

/**
 * A server started as the quick start starts it, with no certificate configured: it serves TLS with a
 * certificate of its own, on the API and the gateway, and says which in its data directory.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GeneratedCertificateTest {

    private Path dataDir;
    private ConfigurableApplicationContext server;
    private CertificateFingerprint fingerprint;

    @BeforeAll
    void startServer() throws Exception {
        dataDir = Files.createTempDirectory("netloom-tls-");
        server = StandaloneServers.start(dataDir);
        fingerprint = CertificateFingerprint.parse(Files.readString(dataDir.resolve("server-fingerprint")));
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    @Test
    void startWhenNoCertificateConfiguredThenApiAndGatewayServeTheCertificateOfTheFingerprintFile() throws Exception {
        X509Certificate api = TlsProbe.served(StandaloneServers.apiPort(server));
        X509Certificate gateway = TlsProbe.served(StandaloneServers.gatewayPort(server));

        assertThat(CertificateFingerprint.of(api)).isEqualTo(fingerprint);
        assertThat(CertificateFingerprint.of(gateway)).isEqualTo(fingerprint);
        assertThat(Files.readString(dataDir.resolve("server-fingerprint")).strip()).isEqualTo(fingerprint.text());
        assertThat(api.getSubjectAlternativeNames().stream().map(name -> String.valueOf(name.get(1))))
                .contains("localhost", "127.0.0.1");
        assertThat(Files.getPosixFilePermissions(dataDir.resolve("tls/server.key")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void requestWhenPlainHttpToTheApiOrGatewayPortThenNothingIsAnswered() {
        String token = readAdminToken();

        String api = TlsProbe.plainHttp(StandaloneServers.apiPort(server), "GET /api/accounts HTTP/1.1\r\n"
                + "Host: localhost\r\nAuthorization: Token " + token + "\r\nConnection: close\r\n\r\n");
        String gateway = TlsProbe.plainHttp(StandaloneServers.gatewayPort(server),
                "GET /v2/peer HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        // Tomcat answers a bare 400 on a TLS port; the gateway closes the connection.
        assertThat(api).as("the API's answer to plain HTTP").satisfiesAnyOf(
                answer -> assertThat(answer).isEmpty(), answer -> assertThat(answer).startsWith("HTTP/1.1 400"));
        assertThat(api).doesNotContain("\"id\"").doesNotContain("\"message\"");
        assertThat(gateway).as("the gateway's answer to plain HTTP").doesNotContain("HTTP/");
    }

    @Test
    void enrollWhenPinnedToTheFingerprintThenTheAnswerPinsAWssGatewayThatSendsTheMap() throws Exception {
        NetloomApi api = new NetloomApi(StandaloneServers.apiPort(server), ServerTrust.pinned(fingerprint).sslContext());
        String setupKey = TestPeers.createReusableKey(api.as(readAdminToken()), List.of());
        X25519Keys device = X25519Keys.generate();

        JsonNode gateway = ok(api.anonymous().post("/api/netloom/enroll",
                TestPeers.enrollment(setupKey, device.publicKeyBase64(), "pinned"))).body().get("gateway");

        assertThat(gateway.get("url").asString()).startsWith("wss://localhost:");
        assertThat(gateway.get("certificate_fingerprint").asString()).isEqualTo(fingerprint.text());
        Vertx vertx = Vertx.vertx();
        try {
            CompletableFuture<String> first = new CompletableFuture<>();
            GatewayClient client = new GatewayClient(vertx, 1,
                    ServerTrust.pinned(CertificateFingerprint.parse(gateway.get("certificate_fingerprint").asString())));
            client.connect(URI.create(gateway.get("url").asString()), device,
                    Base64.getDecoder().decode(gateway.get("public_key").asString()), -1, "test",
                    socket -> socket.textMessageHandler(first::complete));
            assertThat(first.get(10, TimeUnit.SECONDS)).startsWith("{\"type\":\"map\"");
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void requestWhenPinnedToAnotherFingerprintThenRefusedBeforeAnythingIsSent() {
        CertificateFingerprint other = CertificateFingerprint.parse("sha256:" + "ab".repeat(32));
        ServerTrust trust = ServerTrust.pinned(other);
        NetloomApi api = new NetloomApi(StandaloneServers.apiPort(server), trust.sslContext());

        assertThatThrownBy(() -> api.anonymous().get("/api/accounts")).isInstanceOf(IllegalStateException.class);

        ServerTrust.Refusal refusal = trust.lastRefusal().orElseThrow();
        assertThat(refusal.presented()).isEqualTo(fingerprint);
        assertThat(refusal.expected()).isEqualTo(other);
    }

    private String readAdminToken() {
        try {
            return Files.readString(dataDir.resolve("admin-token")).strip();
        } catch (IOException e) {
            throw new AssertionError("no admin token", e);
        }
    }
}
