package io.netloom.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.tls.CertificateFingerprint;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code --server-fingerprint} and the encryption a device insists on before its setup key leaves it. */
class ServerFingerprintTest {

    private static final String REFUSAL = "{\"message\":\"unknown setup key\",\"code\":403}";
    private static final CertificateFingerprint TAMPERED = CertificateFingerprint.parse("sha256:" + "5a".repeat(32));

    @TempDir
    Path state;

    private final StringWriter errors = new StringWriter();

    @Test
    void loginWhenTheServerFingerprintIsTamperedThenRefusedNamingBothAndNothingSentOrSaved() throws Exception {
        try (TlsTestServer server = new TlsTestServer(403, REFUSAL)) {
            int exit = run("login", "--config", state.toString(), "--management-url", server.url(),
                    "--setup-key", "secret-setup-key", "--server-fingerprint", TAMPERED.text());

            assertThat(exit).isEqualTo(1);
            assertThat(errors.toString()).contains("refusing the management server at " + server.url())
                    .contains("presented a certificate with SHA-256 fingerprint " + server.fingerprint)
                    .contains("expected fingerprint (--server-fingerprint) is " + TAMPERED)
                    .doesNotContain("secret-setup-key").doesNotContain("Exception");
            assertThat(server.requests).as("requests that got through the handshake").hasValue(0);
            assertThat(state.resolve("enrollment.json")).doesNotExist();
        }
    }

    @Test
    void loginWhenTheServerFingerprintMatchesThenTheRequestReachesTheServerWithoutANameCheck() throws Exception {
        try (TlsTestServer server = new TlsTestServer(403, REFUSAL)) {
            int exit = run("login", "--config", state.toString(), "--management-url",
                    server.url().replace("127.0.0.1", "localhost"), "--setup-key", "k",
                    "--server-fingerprint", server.fingerprint.text().replace(":", "").toLowerCase());

            assertThat(exit).isEqualTo(1);
            assertThat(errors.toString()).contains("refused the enrollment (403): unknown setup key");
            assertThat(server.requests).hasValue(1);
        }
    }

    @Test
    void loginWhenSelfSignedAndNoFingerprintGivenThenRefusedSayingWhereTheFingerprintIs() throws Exception {
        try (TlsTestServer server = new TlsTestServer(403, REFUSAL)) {
            int exit = run("login", "--config", state.toString(), "--management-url", server.url(),
                    "--setup-key", "k");

            assertThat(exit).isEqualTo(1);
            assertThat(errors.toString()).contains("is not trusted").contains("certificate authority")
                    .contains(server.fingerprint.text()).contains("--server-fingerprint")
                    .contains("<data-dir>/server-fingerprint");
            assertThat(server.requests).hasValue(0);
        }
    }

    @Test
    void loginWhenTheServerAnswersWithAPlainWebSocketGatewayThenRefusedAndNothingSaved() throws Exception {
        // What a server misconfigured with netloom.gateway.url=ws://... answers over a trusted connection.
        String answer = "{\"peer_id\":\"p1\",\"account_id\":\"a1\",\"overlay_ip\":\"100.64.0.2\","
                + "\"overlay_prefix_length\":10,\"overlay_network\":\"100.64.0.0/10\",\"fqdn\":\"d.netloom.internal\","
                + "\"dns_domain\":\"netloom.internal\",\"approval_required\":false,\"gateway\":{\"url\":"
                + "\"ws://127.0.0.1:33080/v2/peer\",\"auth_scheme\":\"x25519-hmac-sha256-tls-exporter-v2\","
                + "\"public_key\":"
                + "\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\"}}";
        try (TlsTestServer server = new TlsTestServer(200, answer)) {
            int exit = run("login", "--config", state.toString(), "--management-url", server.url(),
                    "--setup-key", "k", "--server-fingerprint", server.fingerprint.text());

            assertThat(exit).isEqualTo(1);
            assertThat(errors.toString()).contains("ws://127.0.0.1:33080/v2/peer, which is not encrypted");
            assertThat(state.resolve("enrollment.json")).doesNotExist();
        }
    }

    @Test
    void upWhenTheManagementUrlIsPlainHttpThenRefusedBeforeAnyConnectionUnlessAllowed() throws Exception {
        try (ServerSocket listener = new ServerSocket()) {
            listener.bind(new InetSocketAddress("127.0.0.1", 0));
            String url = "http://127.0.0.1:" + listener.getLocalPort();

            int exit = run("up", "--config", state.toString(), "--management-url", url, "--setup-key", "k");

            assertThat(exit).isEqualTo(1);
            assertThat(errors.toString()).contains("refusing " + url).contains("--allow-insecure-http");
            listener.setSoTimeout(200);
            assertThat(acceptsConnection(listener)).as("a connection was made").isFalse();
        }
    }

    @Test
    void upWhenTheFingerprintIsMalformedThenUsageErrorNamingTheOption() {
        int exit = run("up", "--config", state.toString(), "--management-url", "https://127.0.0.1:1",
                "--setup-key", "k", "--server-fingerprint", "12:34");

        assertThat(exit).isEqualTo(2);
        assertThat(errors.toString()).contains("--server-fingerprint").contains("64 hexadecimal digits");
    }

    @Test
    void upWhenEnrolledAndAnotherFingerprintGivenWithoutASetupKeyThenRefusedAndNoDaemon() throws Exception {
        Files.writeString(state.resolve("enrollment.json"), "{\"management_url\":\"https://203.0.113.1:8080\","
                + "\"server_fingerprint\":\"" + "AB:".repeat(31) + "AB\"}");

        int exit = run("up", "--config", state.toString(), "--server-fingerprint", TAMPERED.text());

        assertThat(exit).isEqualTo(1);
        assertThat(errors.toString()).contains("give a setup key to enroll again trusting " + TAMPERED);
        assertThat(state.resolve("daemon.log")).as("no daemon was started").doesNotExist();
    }

    @Test
    void loginWithoutSetupKeyWhenTheServerFingerprintIsTamperedThenTheSignInSendsNothing() throws Exception {
        try (TlsTestServer server = new TlsTestServer(200, "{}")) {
            int exit = run("login", "--config", state.toString(), "--management-url", server.url(), "--no-browser",
                    "--server-fingerprint", TAMPERED.text());

            assertThat(exit).isEqualTo(1);
            assertThat(errors.toString()).contains("refusing 127.0.0.1:").contains(server.fingerprint.text())
                    .contains("Nothing was sent").doesNotContain("Exception");
            assertThat(server.requests).as("requests that got through the handshake").hasValue(0);
            assertThat(state.resolve("login.json")).doesNotExist();
            assertThat(state.resolve("enrollment.json")).doesNotExist();
        }
    }

    @Test
    void loginWithoutSetupKeyWhenThePinnedServerOffersNoSignInThenSaysSoAndNamesTheSetupKey() throws Exception {
        try (TlsTestServer server = new TlsTestServer(404, "{\"message\":\"not found\",\"code\":404}")) {
            int exit = run("login", "--config", state.toString(), "--management-url", server.url(), "--no-browser",
                    "--server-fingerprint", server.fingerprint.text());

            assertThat(exit).isEqualTo(1);
            assertThat(errors.toString()).contains("offers no sign-in").contains("/.well-known/openid-configuration")
                    .contains("--setup-key");
            assertThat(server.requests).hasValue(1);
        }
    }

    @Test
    void loginWithoutSetupKeyOverPlainHttpThenRefusedBeforeAnyRequest() {
        int exit = run("login", "--config", state.toString(), "--management-url", "http://127.0.0.1:1", "--no-browser");

        assertThat(exit).isEqualTo(1);
        assertThat(errors.toString()).contains("refusing http://127.0.0.1:1").contains("--allow-insecure-http");
    }

    private static boolean acceptsConnection(ServerSocket listener) {
        try (var ignored = listener.accept()) {
            return true;
        } catch (java.io.IOException timedOut) {
            return false;
        }
    }

    private int run(String... arguments) {
        CommandLine commandLine = NetloomCommand.commandLine();
        commandLine.setErr(new PrintWriter(errors, true));
        return commandLine.execute(arguments);
    }
}
