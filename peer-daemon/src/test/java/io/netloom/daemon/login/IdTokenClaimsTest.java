package io.netloom.daemon.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The checks that bind an ID token to this sign-in, and what is read from it. */
class IdTokenClaimsTest {

    private static final String ISSUER = "https://203.0.113.1:8080";
    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    private static final long LATER = NOW.getEpochSecond() + 300;

    @Test
    void readWhenIssuerAudienceExpiryAndNonceFitThenWhoAndGroups() throws Exception {
        IdTokenClaims claims = IdTokenClaims.read(token("{\"iss\":\"" + ISSUER + "\",\"aud\":[\"other\",\"netloom-cli\"],"
                + "\"sub\":\"u-1\",\"exp\":" + LATER + ",\"nonce\":\"n-1\",\"email\":\"alice@example.com\","
                + "\"name\":\"Alice\",\"groups\":[\"Engineering\",7,\"Admins\"]}"), ISSUER, "netloom-cli", "n-1", NOW);

        assertThat(claims.subject()).isEqualTo("u-1");
        assertThat(claims.email()).isEqualTo("alice@example.com");
        assertThat(claims.name()).isEqualTo("Alice");
        assertThat(claims.groups()).containsExactly("Engineering", "Admins");
    }

    @Test
    void readWhenAnotherIssuerThenRefused() {
        assertThatThrownBy(() -> IdTokenClaims.read(token("{\"iss\":\"https://evil.example\",\"aud\":\"netloom-cli\","
                + "\"sub\":\"u\",\"exp\":" + LATER + "}"), ISSUER, "netloom-cli", null, NOW))
                .isInstanceOf(LoginException.class).hasMessageContaining("issued by https://evil.example");
    }

    @Test
    void readWhenMeantForAnotherClientThenRefused() {
        assertThatThrownBy(() -> IdTokenClaims.read(token("{\"iss\":\"" + ISSUER + "\",\"aud\":\"web-console\","
                + "\"sub\":\"u\",\"exp\":" + LATER + "}"), ISSUER, "netloom-cli", null, NOW))
                .isInstanceOf(LoginException.class).hasMessageContaining("not meant for client netloom-cli");
    }

    @Test
    void readWhenTheNonceDiffersThenRefused() {
        assertThatThrownBy(() -> IdTokenClaims.read(token("{\"iss\":\"" + ISSUER + "\",\"aud\":\"netloom-cli\","
                + "\"sub\":\"u\",\"exp\":" + LATER + ",\"nonce\":\"replayed\"}"), ISSUER, "netloom-cli", "n-1", NOW))
                .isInstanceOf(LoginException.class).hasMessageContaining("wrong nonce");
    }

    @Test
    void readWhenExpiredThenRefused() {
        assertThatThrownBy(() -> IdTokenClaims.read(token("{\"iss\":\"" + ISSUER + "\",\"aud\":\"netloom-cli\","
                + "\"sub\":\"u\",\"exp\":" + NOW.getEpochSecond() + "}"), ISSUER, "netloom-cli", null, NOW))
                .isInstanceOf(LoginException.class).hasMessageContaining("expired");
    }

    @Test
    void readWhenNotAJwtThenRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> IdTokenClaims.read("secret-looking-garbage", ISSUER, "netloom-cli", null, NOW))
                .isInstanceOf(LoginException.class).hasMessage("the issuer sent no readable ID token");
    }

    private static String token(String payload) {
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        return encoder.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + encoder.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + ".c2ln";
    }
}
