package io.netloom.daemon.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netloom.daemon.DaemonJson;
import io.netloom.tls.ServerTrust;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What a token endpoint's answer makes of a sign-in: the device grant needs no ID token (Netloom's own server
 * issues none for it), the browser flow does, and an ID token that comes is checked either way.
 */
class TokenEndpointTest {

    private static final String ISSUER = "https://203.0.113.1:8080";
    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    private static final String WITHOUT_ID_TOKEN =
            "{\"access_token\":\"at-1\",\"token_type\":\"Bearer\",\"expires_in\":600}";

    private final TokenEndpoint endpoint = new TokenEndpoint(new OidcHttp(ServerTrust.of(Optional.empty()), false),
            new OidcProvider(ISSUER, URI.create(ISSUER + "/oauth2/authorize"), URI.create(ISSUER + "/oauth2/token"),
                    Optional.of(URI.create(ISSUER + "/oauth2/device_authorization"))),
            "netloom-cli", Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void signInWhenDeviceGrantAnswersWithoutIdTokenThenSignedInNotKnowingWhoYet() throws Exception {
        SignIn signIn = endpoint.signIn(answer(WITHOUT_ID_TOKEN), null, false);

        assertThat(signIn.knowsWho()).isFalse();
        assertThat(signIn.accessToken()).isEqualTo("at-1");
        assertThat(signIn.loginExpiresAt()).isEqualTo(NOW.plusSeconds(600));
        assertThat(signIn.withPerson("user-1", "alice@example.com", "Alice").who())
                .isEqualTo("Alice <alice@example.com>");
    }

    @Test
    void signInWhenBrowserFlowAnswersWithoutIdTokenThenRefused() {
        assertThatThrownBy(() -> endpoint.signIn(answer(WITHOUT_ID_TOKEN), "n-1", true))
                .isInstanceOf(LoginException.class).hasMessageContaining("no readable ID token");
    }

    @Test
    void signInWhenDeviceGrantSendsAnIdTokenOfAnotherIssuerThenRefused() {
        String idToken = jwt("{\"iss\":\"https://evil.example\",\"aud\":\"netloom-cli\",\"sub\":\"u\",\"exp\":"
                + (NOW.getEpochSecond() + 300) + "}");

        assertThatThrownBy(() -> endpoint.signIn(answer("{\"access_token\":\"at-1\",\"token_type\":\"Bearer\","
                + "\"id_token\":\"" + idToken + "\"}"), null, false))
                .isInstanceOf(LoginException.class).hasMessageContaining("issued by https://evil.example");
    }

    @Test
    void signInWhenDeviceGrantSendsAnIdTokenThenWhoFromIt() throws Exception {
        String idToken = jwt("{\"iss\":\"" + ISSUER + "\",\"aud\":\"netloom-cli\",\"sub\":\"u-1\",\"exp\":"
                + (NOW.getEpochSecond() + 300) + ",\"email\":\"bob@example.com\",\"name\":\"Bob\"}");

        SignIn signIn = endpoint.signIn(answer("{\"access_token\":\"at-1\",\"token_type\":\"Bearer\","
                + "\"id_token\":\"" + idToken + "\"}"), null, false);

        assertThat(signIn.knowsWho()).isTrue();
        assertThat(signIn.who()).isEqualTo("Bob <bob@example.com>");
    }

    private static OidcHttp.Answer answer(String json) throws Exception {
        return new OidcHttp.Answer(200, DaemonJson.MAPPER.readTree(json));
    }

    private static String jwt(String payload) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return base64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + base64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
    }
}
