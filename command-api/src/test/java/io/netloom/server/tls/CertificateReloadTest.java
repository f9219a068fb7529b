package io.netloom.server.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.gateway.ServerCertificate;
import io.netloom.tls.CertificateFingerprint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import io.netloom.server.testing.StandaloneServers;

/** A configured certificate replaced on disk, as a renewal does: new connections get it, with no restart. */
class CertificateReloadTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path dataDir;

    @TempDir
    Path files;

    @Test
    void reloadWhenTheConfiguredFilesAreReplacedThenNewApiAndGatewayConnectionsGetTheNewCertificate() throws Exception {
        Path certificateFile = files.resolve("fullchain.pem");
        Path keyFile = files.resolve("privkey.pem");
        ServerCertificate first = TestCertificates.issue("localhost");
        ServerCertificate renewed = TestCertificates.issue("localhost");
        PemCertificateFiles.write(first, certificateFile, keyFile);

        try (ConfigurableApplicationContext server = StandaloneServers.start(dataDir,
                "netloom.tls.certificate=" + certificateFile, "netloom.tls.private-key=" + keyFile,
                "netloom.tls.reload-interval=100ms")) {
            int apiPort = StandaloneServers.apiPort(server);
            int gatewayPort = StandaloneServers.gatewayPort(server);
            assertThat(servedOn(apiPort)).isEqualTo(first.fingerprint());
            assertThat(servedOn(gatewayPort)).isEqualTo(first.fingerprint());
            assertThat(fingerprintFile()).isEqualTo(first.fingerprint().text());

            PemCertificateFiles.write(renewed, certificateFile, keyFile);

            awaitTrue(() -> servedOn(apiPort).equals(renewed.fingerprint()), "the API serves the renewed certificate");
            awaitTrue(() -> servedOn(gatewayPort).equals(renewed.fingerprint()),
                    "the gateway serves the renewed certificate");
            assertThat(fingerprintFile()).isEqualTo(renewed.fingerprint().text());
            assertThat(StandaloneServers.apiPort(server)).as("the same server, not a restarted one").isEqualTo(apiPort);
        }
    }

    private static CertificateFingerprint servedOn(int port) {
        return CertificateFingerprint.of(TlsProbe.served(port));
    }

    private String fingerprintFile() throws IOException {
        return Files.readString(dataDir.resolve("server-fingerprint")).strip();
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " within " + PATIENCE);
            }
            Thread.sleep(50);
        }
    }
}
