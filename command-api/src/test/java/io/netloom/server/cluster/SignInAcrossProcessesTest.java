package io.netloom.server.cluster;

import static io.netloom.server.testing.TestData.createPersonWithPassword;
import static io.netloom.server.testing.TestData.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import io.netloom.server.database.EmbeddedDatabase;
import io.netloom.server.identity.NetloomConsoleClient;
import io.netloom.server.testing.NetloomApi;
import io.netloom.server.testing.PersonSignIn;
import io.netloom.server.testing.PersonSignIn.Answer;
import io.netloom.server.testing.PersonSignIn.Browser;
import io.netloom.server.testing.PersonSignIn.Page;
import io.netloom.server.testing.Pkce;
import io.netloom.server.testing.StandaloneServers;
import io.netloom.server.testing.QueryParameters;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two server processes of one cluster — two Spring contexts, one Hazelcast member each, one PostgreSQL, one keys
 * directory (ADR 0061): a sign-in begun on one is finished on the other. The browser stays with one process (the load
 * balancer's affinity); the device and the console's code exchange land on the other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignInAcrossProcessesTest {

    private static final String PASSWORD = "correct horse battery staple";
    /** The issuer of both: plain HTTP, ports chosen at start (left out of the issuer URL), so the console's root. */
    private static final String CONSOLE = "http://localhost/";

    @TempDir
    static Path work;

    private EmbeddedDatabase database;
    private ConfigurableApplicationContext first;
    private ConfigurableApplicationContext second;
    private NetloomApi apiOfFirst;
    private NetloomApi apiOfSecond;
    private String email;
    private String userId;

    @BeforeAll
    void startTwoClusteredServers() throws Exception {
        database = EmbeddedDatabase.start(work.resolve("postgres"));
        int firstPort = freePort();
        int secondPort = freePort();
        String members = "127.0.0.1:" + firstPort + ",127.0.0.1:" + secondPort;
        String keys = "netloom.keys-dir=" + work.resolve("keys");
        String cluster = "netloom.cluster.name=sign-in-" + UUID.randomUUID();
        String clusterMembers = "netloom.cluster.members=" + members;
        first = StandaloneServers.startInsecure(work.resolve("first"), StandaloneServers.on(database, keys, cluster,
                clusterMembers, "netloom.cluster.port=" + firstPort));
        second = StandaloneServers.startInsecure(work.resolve("second"), StandaloneServers.on(database, keys, cluster,
                clusterMembers, "netloom.cluster.port=" + secondPort));
        apiOfFirst = new NetloomApi(StandaloneServers.apiPort(first));
        apiOfSecond = new NetloomApi(StandaloneServers.apiPort(second));
        NetloomApi.Client owner = apiOfFirst.as(Files.readString(work.resolve("first/admin-token")).strip());
        email = "across-" + System.nanoTime() + "@example.org";
        userId = createPersonWithPassword(owner, email, "user", PASSWORD);
    }

    @AfterAll
    void stopEverything() throws Exception {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void deviceFlowWhenStartedOnOneProcessAndConfirmedOnTheOtherThenPollingTheFirstGivesTheToken() throws Exception {
        PersonSignIn device = new PersonSignIn(apiOfFirst);
        PersonSignIn person = new PersonSignIn(apiOfSecond);
        Answer started = device.deviceAuthorization();
        assertThat(started.status()).isEqualTo(200);
        assertThat(device.poll(started.text("device_code")).text("error")).isEqualTo("authorization_pending");

        Browser browser = person.browser();
        Page toLogin = browser.get(started.text("verification_uri_complete"));
        assertThat(toLogin.location()).as("the second process knows the first's user code").endsWith("/login");
        Page activate = browser.follow(browser.signIn(email, PASSWORD));
        assertThat(activate.body()).contains("value=\"" + started.text("user_code") + "\"");
        PersonSignIn.approve(browser, activate, started.text("user_code"));

        Answer token = device.pollAfterInterval(started.text("device_code"));
        assertThat(token.status()).as(String.valueOf(token.body())).isEqualTo(200);
        assertThat(SignedJWT.parse(token.text("access_token")).getJWTClaimsSet().getSubject()).isEqualTo(userId);
        // The keys directory is shared: the token works on either process.
        assertThat(ok(apiOfSecond.withBearer(token.text("access_token")).get("/api/users/current")).text("id"))
                .isEqualTo(userId);
        Answer spent = device.poll(started.text("device_code"));
        assertThat(spent.status()).as("a device code is traded once, across processes").isEqualTo(400);
        assertThat(new PersonSignIn(apiOfSecond).poll(started.text("device_code")).status()).isEqualTo(400);
    }

    @Test
    void authorizationCodeWhenIssuedByOneProcessThenTradedForTokenOnTheOtherOnce() throws Exception {
        Pkce pkce = Pkce.create();
        Browser browser = new PersonSignIn(apiOfSecond).browser();
        assertThat(browser.get(authorize(pkce)).location()).endsWith("/login");
        Page signedIn = browser.signIn(email, PASSWORD);
        Page toConsole = browser.get(signedIn.location());
        assertThat(toConsole.location()).startsWith(CONSOLE + "?code=");
        Map<String, String> exchange = Map.of("grant_type", "authorization_code",
                "code", QueryParameters.of(toConsole.location()).get("code"), "redirect_uri", CONSOLE,
                "client_id", NetloomConsoleClient.CLIENT_ID, "code_verifier", pkce.verifier());

        Answer token = new PersonSignIn(apiOfFirst).oauth("/oauth2/token", exchange);

        assertThat(token.status()).as(String.valueOf(token.body())).isEqualTo(200);
        assertThat(ok(apiOfFirst.withBearer(token.text("access_token")).get("/api/users/current")).text("id"))
                .isEqualTo(userId);
        Answer again = new PersonSignIn(apiOfSecond).oauth("/oauth2/token", exchange);
        assertThat(again.status()).as("a code is traded once, whichever process sees it again").isEqualTo(400);
    }

    private static String authorize(Pkce pkce) {
        return "/oauth2/authorize?response_type=code&client_id=" + NetloomConsoleClient.CLIENT_ID
                + "&scope=openid%20profile%20email&state=s1&redirect_uri="
                + URLEncoder.encode(CONSOLE, StandardCharsets.UTF_8) + "&code_challenge=" + pkce.challenge()
                + "&code_challenge_method=S256";
    }



    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
