package io.netloom.ops.signin;

import static io.netloom.server.testing.TestData.accountId;
import static io.netloom.server.testing.TestData.ok;
import static io.netloom.server.testing.TestData.regularUser;
import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.daemon.cli.NetloomCommand;
import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PeerId;
import io.netloom.projections.directory.Directory;
import io.netloom.server.axon.Commands;
import io.netloom.server.login.PeerLoginExpiry;
import io.netloom.server.testing.NetloomApi;
import io.netloom.server.testing.PersonSignIn;
import io.netloom.server.testing.StandaloneServers;
import io.netloom.testsupport.terminal.CapturedTerminal;
import io.netloom.tls.CertificateFingerprint;
import io.netloom.tls.ServerTrust;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * A person signs a device in end to end, with real parts only: Netloom's server as an operator starts it (embedded
 * PostgreSQL, TLS with the certificate it generated, pinned by its fingerprint), the real {@code netloom login
 * --no-browser} of the CLI, and the person played over HTTPS on the server's own sign-in and code pages. The
 * device becomes the person's peer and {@code status} says who signed in; when the account's login expiration has
 * passed (a sweep at a chosen instant, never a wait) the peer's login is expired, and {@code netloom login} on the
 * device brings it back with the same key and address.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeviceSignInEndToEndTest {

    private static final String PASSWORD = "a long enough passphrase";
    private static final Pattern USER_CODE = Pattern.compile("user_code=([^&\\s]+)");
    private static final Pattern ENROLLED = Pattern.compile("Enrolled as (\\S+) \\((\\S+)\\), peer (\\S+)");
    private static final Duration HOUR = Duration.ofHours(1);

    private Path dataDir;
    private ConfigurableApplicationContext server;
    private URI managementUrl;
    private CertificateFingerprint fingerprint;
    private NetloomApi api;
    private NetloomApi.Client owner;
    private PersonSignIn people;

    @TempDir
    Path device;

    private final StringWriter errors = new StringWriter();
    @RegisterExtension
    final CapturedTerminal terminal = new CapturedTerminal();

    @BeforeAll
    void startServer() throws Exception {
        dataDir = Files.createTempDirectory("netloom-signin-e2e-");
        // A port known before the start: the issuer URL, which the device checks in discovery, names it.
        int port = freePort();
        server = StandaloneServers.start(dataDir, "server.port=" + port);
        managementUrl = URI.create("https://localhost:" + port);
        fingerprint = CertificateFingerprint.parse(Files.readString(dataDir.resolve("server-fingerprint")).strip());
        SSLContext pinned = ServerTrust.pinned(fingerprint).sslContext();
        api = new NetloomApi(port, pinned);
        owner = api.as(Files.readString(dataDir.resolve("admin-token")).strip());
        people = new PersonSignIn(api, pinned);
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void loginWhenPersonConfirmsTheCodeThenTheirPeerAndAfterLoginExpiredLoginAgainRestoresSameAddress()
            throws Exception {
        String email = "alice-" + System.nanoTime() + "@example.org";
        String alice = ok(owner.post("/api/users", regularUser(email, "user"))).text("id");
        ok(owner.put("/api/netloom/users/{userId}/password", Map.of("password", PASSWORD, "change_required", false),
                alice));
        AccountId account = new AccountId(accountId(owner));
        ok(owner.put("/api/accounts/{accountId}", Map.of("settings", Map.of("peer_login_expiration_enabled", true,
                "peer_login_expiration", HOUR.toSeconds())), account.value()));

        Matcher first = login(email, "login", "--config", device.toString(), "--management-url",
                managementUrl.toString(), "--server-fingerprint", fingerprint.text(), "--no-browser");

        String peerId = first.group(3);
        String overlayIp = first.group(2);
        assertThat(terminal.text()).contains("Signed in as " + email + " <" + email + ">");
        JsonNode peer = ok(owner.get("/api/peers/{peerId}", peerId)).body();
        assertThat(peer.get("user_id").asString()).isEqualTo(alice);
        assertThat(peer.get("ip").asString()).isEqualTo(overlayIp);
        assertThat(peer.get("login_expired").asBoolean()).isFalse();

        terminal.reset();
        run("status", "--config", device.toString());
        assertThat(terminal.text()).contains("Signed in: " + email + " <" + email + ">");

        assertThat(sweep(account, Instant.now().plus(HOUR).plusSeconds(60))).containsExactly(new PeerId(peerId));
        assertThat(ok(owner.get("/api/peers/{peerId}", peerId)).body().get("login_expired").asBoolean()).isTrue();

        terminal.reset();
        Matcher again = login(email, "login", "--config", device.toString(), "--no-browser");

        assertThat(again.group(3)).isEqualTo(peerId);
        assertThat(again.group(2)).isEqualTo(overlayIp);
        JsonNode restored = ok(owner.get("/api/peers/{peerId}", peerId)).body();
        assertThat(restored.get("login_expired").asBoolean()).isFalse();
        assertThat(restored.get("ip").asString()).isEqualTo(overlayIp);
        assertThat(ok(owner.get("/api/peers")).body().size()).isEqualTo(1);
    }

    /** Runs a sign-in command, plays the person on the code page it shows, and returns its "Enrolled as" line. */
    private Matcher login(String email, String... command) throws Exception {
        CompletableFuture<Integer> login = CompletableFuture.supplyAsync(() -> run(command));
        URI complete = terminal.awaitCompleteUrl(login, errors::toString, Duration.ofMinutes(2));
        Matcher userCode = USER_CODE.matcher(complete.getRawQuery());
        assertThat(userCode.find()).as(complete.toString()).isTrue();
        PersonSignIn.Browser browser = people.browser();
        assertThat(browser.get(complete.toString()).status()).isIn(302, 303);
        PersonSignIn.Page afterLogin = browser.signIn(email, PASSWORD);
        assertThat(afterLogin.status()).as(afterLogin.body()).isEqualTo(303);
        PersonSignIn.approve(browser, browser.follow(afterLogin), userCode.group(1));

        assertThat(login.get(2, TimeUnit.MINUTES)).as(errors.toString()).isZero();
        Matcher enrolled = ENROLLED.matcher(terminal.text());
        assertThat(enrolled.find()).as(terminal.text()).isTrue();
        return enrolled;
    }

    private List<PeerId> sweep(AccountId account, Instant at) {
        return new PeerLoginExpiry(server.getBean(Directory.class), server.getBean(Commands.class),
                Clock.fixed(at, ZoneOffset.UTC)).sweep(account);
    }


    private int run(String... arguments) {
        picocli.CommandLine commandLine = NetloomCommand.commandLine();
        commandLine.setErr(new PrintWriter(errors, true));
        return commandLine.execute(arguments);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
