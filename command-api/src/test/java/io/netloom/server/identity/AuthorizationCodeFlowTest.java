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
 * The CLI's browser sign-in: authorization code with PKCE (S256 only) on a loopback redirect with
 * any port (RFC 8252), against the embedded user store, over real HTTP.
 */
class AuthorizationCodeFlowTest extends ServerTest {

    private static final String PASSWORD = "correct horse battery staple";

    private PersonSignIn signIn;
    private String userId;
    private String email;
    private Pkce pkce;

    @BeforeEach
    void createPerson() throws Exception {
        NetloomApi.Client owner = accounts.newAccount();
        signIn = new PersonSignIn(api);
        email = "pkce-" + System.nanoTime() + "@example.org";
        userId = createPersonWithPassword(owner, email, "user", PASSWORD);
        pkce = Pkce.create();
    }

    @Test
    void authorizationCodeWhenPkceAndLoopbackRedirectOnAnyPortThenPersonGetsAccessToken() throws Exception {
        String redirect = "http://127.0.0.1:49152/callback";
        Browser browser = signIn.browser();
        Page toLogin = browser.get(authorize(redirect, "S256", pkce.challenge()));
        assertThat(toLogin.location()).endsWith("/login");
        Page signedIn = browser.signIn(email, PASSWORD);
        assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(303);
        Page toLoopback = browser.get(signedIn.location());
        assertThat(toLoopback.location()).startsWith(redirect + "?code=").contains("state=s1");
        String code = QueryParameters.of(toLoopback.location()).get("code");

        Answer wrongVerifier = exchange(code, redirect, "x".repeat(43));
        assertThat(wrongVerifier.status()).isEqualTo(400);
        assertThat(wrongVerifier.text("error")).isEqualTo("invalid_grant");

        // A failed exchange spends the code: sign in again for a new one.
        Page again = browser.get(authorize(redirect, "S256", pkce.challenge()));
        String secondCode = QueryParameters.of(again.location()).get("code");
        Answer token = exchange(secondCode, redirect, pkce.verifier());
        assertThat(token.status()).as(String.valueOf(token.body())).isEqualTo(200);
        assertThat(SignedJWT.parse(token.text("access_token")).getJWTClaimsSet().getSubject()).isEqualTo(userId);
        assertThat(SignedJWT.parse(token.text("access_token")).getJWTClaimsSet().getAudience())
                .containsExactly("netloom-api");
        assertThat(token.body().has("refresh_token")).isFalse();
        ok(api.withBearer(token.text("access_token")).get("/api/users/current"));

        // Another loopback port works just as well (RFC 8252 section 7.3).
        Page otherPort = browser.get(authorize("http://127.0.0.1:61000/callback", "S256", pkce.challenge()));
        assertThat(otherPort.location()).startsWith("http://127.0.0.1:61000/callback?code=");
    }

    @Test
    void authorizationWhenPkceMissingOrPlainThenRefusedWithoutCode() {
        Browser browser = signIn.browser();
        browser.get(authorize("http://127.0.0.1:50000/callback", "S256", pkce.challenge()));
        browser.signIn(email, PASSWORD);

        Page noChallenge = browser.get("/oauth2/authorize?response_type=code&client_id=netloom-cli&state=s1"
                + "&redirect_uri=" + encode("http://127.0.0.1:50000/callback"));
        assertThat(noChallenge.location()).doesNotContain("code=").contains("error=invalid_request");
        Page plain = browser.get(authorize("http://127.0.0.1:50000/callback", "plain", pkce.verifier()));
        assertThat(plain.location()).doesNotContain("code=").contains("error=invalid_request");
    }

    @Test
    void authorizationWhenRedirectIsNotLoopbackThenRefusedWithoutRedirecting() {
        Browser browser = signIn.browser();
        browser.get(authorize("http://127.0.0.1:50000/callback", "S256", pkce.challenge()));
        browser.signIn(email, PASSWORD);

        for (String redirect : new String[] {"http://evil.example/callback", "http://localhost:50000/callback",
                "https://127.0.0.1:50000/callback", "http://127.0.0.1:50000/elsewhere"}) {
            Page refused = browser.get(authorize(redirect, "S256", pkce.challenge()));
            assertThat(refused.status()).as(redirect).isEqualTo(400);
            assertThat(refused.location()).as(redirect).isNull();
        }
    }

    private Answer exchange(String code, String redirect, String codeVerifier) {
        return signIn.oauth("/oauth2/token", Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", redirect, "client_id", PersonSignIn.CLI, "code_verifier", codeVerifier));
    }

    private static String authorize(String redirect, String method, String codeChallenge) {
        return "/oauth2/authorize?response_type=code&client_id=netloom-cli&scope=openid&state=s1"
                + "&redirect_uri=" + encode(redirect) + "&code_challenge=" + codeChallenge
                + "&code_challenge_method=" + method;
    }


    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
