package io.netloom.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.daemon.state.PrivateKeyFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CommandLineTest {

    @TempDir
    Path state;

    private final StringWriter errors = new StringWriter();

    @Test
    void statusWhenNoDaemonRunsThenExitCodeThreeAndHint() {
        int exit = run("status", "--config", state.toString());

        assertThat(exit).isEqualTo(StatusCommand.NOT_RUNNING);
        assertThat(errors.toString()).contains("the daemon is not running").contains("netloom up");
    }

    @Test
    void upWhenNotEnrolledAndNoSetupKeyThenReadableRefusalAndNoDaemon() {
        int exit = run("up", "--config", state.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(errors.toString()).contains("this device is not enrolled yet").doesNotContain("Exception");
        assertThat(Files.exists(state.resolve("daemon.sock"))).isFalse();
    }

    @Test
    void upWhenKeyFileReadableByOthersThenRefusedWithTheFix() throws Exception {
        PrivateKeyFile.loadOrCreate(state.resolve("private.key"));
        Files.setPosixFilePermissions(state.resolve("private.key"), PosixFilePermissions.fromString("rw-rw-rw-"));

        int exit = run("up", "--config", state.toString(), "--management-url", "https://203.0.113.1:8080",
                "--setup-key", "anything");

        assertThat(exit).isEqualTo(1);
        assertThat(errors.toString()).contains("must be readable only by its owner").doesNotContain("anything");
    }

    @Test
    void upWhenManagementUnreachableThenReadableErrorAndNothingSaved() {
        int exit = run("up", "--config", state.toString(), "--management-url", "https://127.0.0.1:1",
                "--setup-key", "secret-setup-key");

        assertThat(exit).isEqualTo(1);
        assertThat(errors.toString()).contains("cannot reach the management server").doesNotContain("secret-setup-key");
        assertThat(Files.exists(state.resolve("enrollment.json"))).isFalse();
    }

    @Test
    void upWhenOptionValueInvalidThenUsageErrorNamesIt() {
        int exit = run("up", "--config", state.toString(), "--wireguard-port", "not-a-port");

        assertThat(exit).isEqualTo(2);
        assertThat(errors.toString()).contains("--wireguard-port");
    }

    @Test
    void upWhenEnrolledButTheKeyFileIsReadableByOthersThenRefusedBeforeAnyDaemonStarts() throws Exception {
        Files.writeString(state.resolve("enrollment.json"), "{}");
        PrivateKeyFile.loadOrCreate(state.resolve("private.key"));
        Files.setPosixFilePermissions(state.resolve("private.key"), PosixFilePermissions.fromString("rw-r--r--"));

        int exit = run("up", "--config", state.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(errors.toString()).contains("must be readable only by its owner", "chmod 600");
        assertThat(Files.exists(state.resolve("daemon.log"))).as("no daemon was started").isFalse();
    }

    @Test
    void upWhenEnrolledAndAPortOutOfRangeThenUsageErrorBeforeAnyDaemonStarts() throws Exception {
        Files.writeString(state.resolve("enrollment.json"), "{}");
        PrivateKeyFile.loadOrCreate(state.resolve("private.key"));

        int exit = run("up", "--config", state.toString(), "--wireguard-port", "70000");

        assertThat(exit).isEqualTo(2);
        assertThat(errors.toString()).contains("70000").doesNotContain("Exception");
        assertThat(Files.exists(state.resolve("daemon.log"))).as("no daemon was started").isFalse();
    }

    @Test
    void upWhenSavedEnrollmentNamesNoMapSigningKeyThenRefusedWithTheFixBeforeAnyDaemonStarts() throws Exception {
        Files.writeString(state.resolve("enrollment.json"), """
                {"management_url": "http://203.0.113.1:8080", "enrolled_at": "2026-12-01T00:00:00Z",
                 "configuration": {"peer_id": "p-1", "account_id": "a-1", "overlay_ip": "100.64.0.7",
                   "overlay_prefix_length": 10, "overlay_network": "100.64.0.0/10", "fqdn": "box.netloom.internal",
                   "dns_domain": "netloom.internal", "approval_required": false,
                   "gateway": {"url": "ws://203.0.113.1:33080/v1/peer", "auth_scheme": "x25519-hmac-sha256-v1",
                               "public_key": "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="}}}
                """);
        PrivateKeyFile.loadOrCreate(state.resolve("private.key"));

        int exit = run("up", "--config", state.toString(), "--management-url", "http://203.0.113.1:8080");

        assertThat(exit).isEqualTo(1);
        assertThat(errors.toString()).contains("names no map-signing key", "Enroll again with a setup key of the "
                + "same account: `netloom up --management-url https://<host:port> --server-fingerprint <fingerprint> "
                + "--setup-key <key>`", "enrolled with http://203.0.113.1:8080", "comes back as the same peer")
                .doesNotContain("Exception");
        assertThat(Files.exists(state.resolve("daemon.log"))).as("no daemon was started").isFalse();
    }

    @Test
    void upWhenSavedTlsEnrollmentNamesNoMapSigningKeyThenToldToEnrollAgainWithASetupKeyOnly() throws Exception {
        Files.writeString(state.resolve("enrollment.json"), """
                {"management_url": "https://203.0.113.1:8080", "enrolled_at": "2026-12-02T00:00:00Z",
                 "server_fingerprint": "%s",
                 "configuration": {"peer_id": "p-1", "account_id": "a-1", "overlay_ip": "100.64.0.7",
                   "overlay_prefix_length": 10, "overlay_network": "100.64.0.0/10", "fqdn": "box.netloom.internal",
                   "dns_domain": "netloom.internal", "approval_required": false,
                   "gateway": {"url": "wss://203.0.113.1:33080/v2/peer",
                               "auth_scheme": "x25519-hmac-sha256-tls-exporter-v2",
                               "public_key": "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="}}}
                """.formatted("AB:".repeat(31) + "AB"));
        PrivateKeyFile.loadOrCreate(state.resolve("private.key"));

        int exit = run("up", "--foreground", "--config", state.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(errors.toString()).contains("names no map-signing key", "Enroll again with a setup key of the "
                + "same account: `netloom up --setup-key <key>` (or --setup-key-file <file>), which enrolls with "
                + "https://203.0.113.1:8080 again", "comes back as the same peer").doesNotContain("Exception");
        assertThat(Files.exists(state.resolve("daemon.log"))).as("no daemon was started").isFalse();
    }

    @Test
    void upWhenTheDataPathChoiceIsUnknownThenUsageErrorNamesTheChoices() {
        int exit = run("up", "--config", state.toString(), "--data-path", "ebpf");

        assertThat(exit).isEqualTo(2);
        assertThat(errors.toString()).contains("'ebpf' is not a data path: use nftables or proxy");
    }

    @Test
    void upOrLoginWhenAnExtraDnsLabelIsNoDnsNameThenUsageErrorNamingItBeforeAnythingElse() {
        int up = run("up", "--config", state.toString(), "--extra-dns-labels", "db,*.stage");
        int login = run("login", "--config", state.toString(), "--extra-dns-labels", "a..b");

        assertThat(up).isEqualTo(2);
        assertThat(login).isEqualTo(2);
        assertThat(errors.toString()).contains("extra DNS label \"*.stage\" is not a valid DNS name")
                .contains("extra DNS label \"a..b\" is not a valid DNS name").doesNotContain("not enrolled");
    }

    private int run(String... arguments) {
        CommandLine commandLine = NetloomCommand.commandLine();
        commandLine.setErr(new PrintWriter(errors, true));
        return commandLine.execute(arguments);
    }
}
