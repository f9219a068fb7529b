package io.netloom.server.identity.logout;

import static io.netloom.server.identity.logout.LogoutTokens.valid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.netloom.testsupport.MovableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogoutTokenValidatorTest {

    private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");

    private final MovableClock clock = new MovableClock(NOW);
    private final LogoutTokens provider = LogoutTokens.withNewKey();
    private final SeenLogoutTokens seen = new SeenLogoutTokens(clock);
    private final LogoutTokenValidator validator = new LogoutTokenValidator("kc",
            new ImmutableJWKSet<>(new JWKSet(provider.publicKey())), LogoutTokens.ISSUER + "/", LogoutTokens.CLIENT,
            clock, seen);

    @Test
    void validateWhenEveryRuleHoldsThenSubjectSessionAndIdentifier() throws Exception {
        JWTClaimsSet.Builder claims = valid("alice", NOW.minusSeconds(5));

        LogoutToken token = validator.validate(provider.sign(claims));

        assertThat(token.subject()).contains("alice");
        assertThat(token.sessionId()).contains("session-alice");
        assertThat(token.tokenId()).isEqualTo(claims.build().getJWTID());
        assertThat(seen.size()).isEqualTo(1);
    }

    @Test
    void validateWhenOnlySidThenAccepted() throws Exception {
        LogoutToken token = validator.validate(provider.sign(valid("alice", NOW).subject(null)));

        assertThat(token.subject()).isEmpty();
        assertThat(token.sessionId()).contains("session-alice");
    }

    @Test
    void validateWhenSignedWithAnotherKeyThenBadSignature() {
        String forged = LogoutTokens.withNewKey().sign(valid("alice", NOW));

        assertRejected(forged, "signature");
    }

    @Test
    void validateWhenPayloadChangedAfterSigningThenBadSignature() {
        String[] parts = provider.sign(valid("alice", NOW)).split("\\.");
        String otherPayload = Base64URL.encode(valid("mallory", NOW).build().toString()
                .getBytes(StandardCharsets.UTF_8)).toString();

        assertRejected(parts[0] + "." + otherPayload + "." + parts[2], "signature");
    }

    @Test
    void validateWhenAudienceIsAnotherClientThenRejected() {
        assertRejected(provider.sign(valid("alice", NOW).audience(List.of("someone-else"))), "aud");
    }

    @Test
    void validateWhenIssuerIsAnotherThenRejected() {
        assertRejected(provider.sign(valid("alice", NOW).issuer("https://evil.example.com")), "iss");
    }

    @Test
    void validateWhenEventsMissingThenRejected() {
        assertRejected(provider.sign(valid("alice", NOW).claim("events", null)), "events is missing");
    }

    @Test
    void validateWhenEventsWithoutTheLogoutMemberThenRejected() {
        assertRejected(provider.sign(valid("alice", NOW).claim("events",
                Map.of("http://schemas.openid.net/event/other", Map.of()))), "events does not contain");
    }

    @Test
    void validateWhenLogoutEventIsNotAnObjectThenRejected() {
        assertRejected(provider.sign(valid("alice", NOW).claim("events",
                Map.of(LogoutTokenValidator.LOGOUT_EVENT, "yes"))), "events does not contain");
    }

    @Test
    void validateWhenNoncePresentThenRejected() {
        assertRejected(provider.sign(valid("alice", NOW).claim("nonce", "n-1")), "nonce");
    }

    @Test
    void validateWhenJtiReplayedThenRejectedTheSecondTime() throws Exception {
        String token = provider.sign(valid("alice", NOW));
        validator.validate(token);
        clock.advance(Duration.ofSeconds(30));

        assertRejected(token, "already received");
    }

    @Test
    void validateWhenJtiMissingThenRejected() {
        assertRejected(provider.sign(valid("alice", NOW).jwtID(null)), "jti is missing");
    }

    @Test
    void validateWhenNeitherSubNorSidThenRejected() {
        assertRejected(provider.sign(valid("alice", NOW).subject(null).claim("sid", null)), "neither sub nor sid");
    }

    @Test
    void validateWhenSidIsNotAStringThenRejected() {
        assertRejected(provider.sign(valid("alice", NOW).claim("sid", List.of("a", "b"))),
                "sid is not a usable string");
    }

    @Test
    void validateWhenAlgNoneThenRejected() {
        String unsigned = new PlainJWT(valid("alice", NOW).build()).serialize();

        assertRejected(unsigned, "not a signed JWT");
    }

    @Test
    void validateWhenHmacSignedThenRejectedBeforeAnyKeyIsTried() throws Exception {
        SignedJWT hmac = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), valid("alice", NOW).build());
        hmac.sign(new MACSigner(new byte[32]));

        assertRejected(hmac.serialize(), "alg HS256");
    }

    @Test
    void validateWhenIatTooOldThenRejected() {
        assertRejected(provider.sign(valid("alice", NOW.minus(Duration.ofMinutes(10)))), "iat is too old");
    }

    @Test
    void validateWhenIatFarInTheFutureThenRejected() {
        assertRejected(provider.sign(valid("alice", NOW.plus(Duration.ofMinutes(5)))), "iat is in the future");
    }

    @Test
    void validateWhenIatMissingThenRejected() {
        assertRejected(provider.sign(valid("alice", NOW).issueTime(null)), "iat is missing");
    }

    @Test
    void validateWhenNotAJwtThenRejected() {
        assertRejected("not-a-token", "not a signed JWT");
        assertRejected("", "missing");
    }

    @Test
    void validateWhenTooLongThenRejectedUnparsed() {
        assertRejected(provider.sign(valid("alice", NOW).claim("padding",
                "x".repeat(LogoutTokenValidator.MAX_TOKEN_LENGTH))), "longer than");
    }

    @Test
    void validateWhenAudienceIsAnArrayWithThisClientThenAccepted() throws Exception {
        LogoutToken token = validator.validate(provider.sign(valid("alice", NOW)
                .audience(List.of("another-client", LogoutTokens.CLIENT))));

        assertThat(token.subject()).contains("alice");
    }

    @Test
    void validateWhenAudienceIsNotTextThenRejected() {
        assertRejected(provider.sign(valid("alice", NOW).claim("aud", 42)), "aud");
    }

    @Test
    void validateWhenEventsIsAnArrayOrTextThenRejected() {
        assertRejected(provider.sign(valid("alice", NOW).claim("events", List.of(LogoutTokenValidator.LOGOUT_EVENT))),
                "events");
        assertRejected(provider.sign(valid("alice", NOW).claim("events", LogoutTokenValidator.LOGOUT_EVENT)),
                "events");
    }

    @Test
    void validateWhenAlgIsForeignTextThenItIsNotRepeated() {
        String header = Base64URL.encode("{\"alg\":\"evil\\r\\nINFO forged log line\"}"
                .getBytes(StandardCharsets.UTF_8)).toString();
        String payload = Base64URL.encode(valid("alice", NOW).build().toString().getBytes(StandardCharsets.UTF_8))
                .toString();

        assertThatThrownBy(() -> validator.validate(header + "." + payload + ".c2ln"))
                .isInstanceOf(InvalidLogoutTokenException.class)
                .hasMessage("its alg is not an accepted signature algorithm");
    }

    @Test
    void validateWhenForgottenAfterAFailedLogoutThenTheRetryIsTaken() throws Exception {
        String delivery = provider.sign(valid("alice", NOW));
        LogoutToken first = validator.validate(delivery);

        validator.forget(first);

        assertThat(validator.validate(delivery).tokenId()).isEqualTo(first.tokenId());
    }

    private void assertRejected(String token, String because) {
        int seenBefore = seen.size();
        assertThatThrownBy(() -> validator.validate(token)).isInstanceOf(InvalidLogoutTokenException.class)
                .hasMessageContaining(because);
        // Nothing was recorded: a rejected token's jti does not block a later valid one.
        assertThat(seen.size()).isEqualTo(seenBefore);
    }
}
