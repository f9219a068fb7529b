package io.netloom.server.identity;

import static io.netloom.server.testing.TestData.createPersonWithPassword;
import static io.netloom.server.testing.TestData.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import io.netloom.server.testing.NetloomApi;
import io.netloom.server.testing.PersonSignIn;
import io.netloom.server.testing.PersonSignIn.Answer;
import io.netloom.server.testing.PersonSignIn.Browser;
import io.netloom.server.testing.PersonSignIn.Page;
import io.netloom.server.testing.Pkce;
import io.netloom.server.testing.ServerTest;
import io.netloom.server.testing.QueryParameters;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The web console's sign-in as its page does it, over real HTTP: authorization code with PKCE back to the issuer's
 * root, the access token used on the API like the CLI's, and RP-initiated logout ending the session at the issuer.
 */
class ConsoleSignInTest extends ServerTest {

    private static final String PASSWORD = "correct horse battery staple";
    /** The test server's issuer: plain HTTP on a port chosen at start, which the issuer URL leaves out. */
    private static final String CONSOLE = "http://localhost/";

    private PersonSignIn signIn;
    private String userId;
    private String email;
    private Pkce pkce;

    @BeforeEach
    void createPerson() throws Exception {
        NetloomApi.Client owner = accounts.newAccount();
        signIn = new PersonSignIn(api);
        email = "console-" + System.nanoTime() + "@example.org";
        userId = createPersonWithPassword(owner, email, "user", PASSWORD);
        pkce = Pkce.create();
    }

    @Test
    void authorizationCodeWhenPkceThenAccessTokenWorksOnApiAsTheCli() throws Exception {
        Browser browser = signIn.browser();
        Answer token = signInToConsole(browser);

        assertThat(token.body().has("refresh_token")).isFalse();
        assertThat(token.text("id_token")).isNotBlank();
        SignedJWT access = SignedJWT.parse(token.text("access_token"));
        assertThat(access.getJWTClaimsSet().getSubject()).isEqualTo(userId);
        assertThat(access.getJWTClaimsSet().getAudience()).containsExactly("netloom-api");
        NetloomApi.Client console = api.withBearer(token.text("access_token"));
        assertThat(ok(console.get("/api/peers")).body().isArray()).isTrue();
        assertThat(ok(console.get("/api/users/current")).text("id")).isEqualTo(userId);
    }

    @Test
    void authorizationWhenPkceMissingThenRefusedWithoutCode() {
        Browser browser = signIn.browser();
        browser.get(authorize(CONSOLE));
        browser.signIn(email, PASSWORD);

        Page noChallenge = browser.get("/oauth2/authorize?response_type=code&client_id=netloom-console&scope=openid"
                + "&state=s1&redirect_uri=" + encode(CONSOLE));
        assertThat(noChallenge.location()).doesNotContain("code=").contains("error=invalid_request");
    }

    @Test
    void authorizationWhenRedirectIsNotTheConsoleThenRefusedWithoutRedirecting() {
        Browser browser = signIn.browser();
        browser.get(authorize(CONSOLE));
        browser.signIn(email, PASSWORD);

        for (String redirect : new String[] {"http://localhost/elsewhere", "http://localhost", "http://evil.example/",
                "http://127.0.0.1:50000/callback", "https://localhost/"}) {
            Page refused = browser.get(authorize(redirect));
            assertThat(refused.status()).as(redirect).isEqualTo(400);
            assertThat(refused.location()).as(redirect).isNull();
        }
    }

    @Test
    void logoutWhenIdTokenHintAndConsoleRedirectThenSessionEndedAndBackToConsole() throws Exception {
        Browser browser = signIn.browser();
        Answer token = signInToConsole(browser);
        // Signed in at the issuer: another authorization needs no password.
        assertThat(browser.get(authorize(CONSOLE)).location()).startsWith(CONSOLE + "?code=");

        Page loggedOut = browser.get("/connect/logout?id_token_hint=" + token.text("id_token")
                + "&post_logout_redirect_uri=" + encode(CONSOLE));
        assertThat(loggedOut.status()).as(loggedOut.body()).isIn(302, 303);
        assertThat(loggedOut.location()).isEqualTo(CONSOLE);

        assertThat(browser.get(authorize(CONSOLE)).location()).endsWith("/login");
    }

    @Test
    void logoutWhenRedirectIsNotTheConsoleThenRefusedAndStillSignedIn() throws Exception {
        Browser browser = signIn.browser();
        Answer token = signInToConsole(browser);

        Page refused = browser.get("/connect/logout?id_token_hint=" + token.text("id_token")
                + "&post_logout_redirect_uri=" + encode("http://evil.example/"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.location()).isNull();
        assertThat(browser.get(authorize(CONSOLE)).location()).startsWith(CONSOLE + "?code=");
    }

    /** The console's page: to the authorization endpoint, the password form, back to the console, code for token. */
    private Answer signInToConsole(Browser browser) {
        Page toLogin = browser.get(authorize(CONSOLE));
        assertThat(toLogin.location()).endsWith("/login");
        Page signedIn = browser.signIn(email, PASSWORD);
        assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(303);
        Page toConsole = browser.get(signedIn.location());
        assertThat(toConsole.location()).startsWith(CONSOLE + "?code=").contains("state=s1");
        Answer token = signIn.oauth("/oauth2/token", Map.of("grant_type", "authorization_code",
                "code", QueryParameters.of(toConsole.location()).get("code"), "redirect_uri", CONSOLE,
                "client_id", NetloomConsoleClient.CLIENT_ID, "code_verifier", pkce.verifier()));
        assertThat(token.status()).as(String.valueOf(token.body())).isEqualTo(200);
        return token;
    }

    private String authorize(String redirect) {
        return "/oauth2/authorize?response_type=code&client_id=netloom-console&scope=openid%20profile%20email"
                + "&state=s1&redirect_uri=" + encode(redirect) + "&code_challenge=" + pkce.challenge()
                + "&code_challenge_method=S256";
    }


    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
