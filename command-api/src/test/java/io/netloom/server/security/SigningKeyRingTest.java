package io.netloom.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.netloom.server.storage.PrivateFiles;
import io.netloom.testsupport.MovableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Key rotation with a clock the test moves: the encoder and decoder are the ones the server wires
 * (the authorization server signs with {@link SigningKeyRing#signingKey()}, the JWKS document and the
 * API use {@link SigningKeyRing#publishedKeys()}).
 */
class SigningKeyRingTest {

    private static final Duration ROTATION = Duration.ofDays(30);
    private static final Duration LIFETIME = PersonalAccessTokenClients.ACCESS_TOKEN_TTL;
    private static final Duration RETENTION = LIFETIME.plus(JwtValidation.CLOCK_SKEW);
    private static final IssuerUrl ISSUER = new IssuerUrl("https://netloom.example");

    @TempDir
    Path keys;

    private final MovableClock clock = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void rotateIfDueWhenPeriodPassedThenNewKidSignsAndOldTokensWorkUntilTheyExpire() throws Exception {
        SigningKeyRing ring = open();
        JwtDecoder api = JwtValidation.decoder(ring.publishedKeys(), ISSUER, clock);
        String firstKid = kidOf(issue(ring));
        assertThat(published(ring)).containsExactly(firstKid);

        clock.advance(ROTATION.minusMinutes(2));
        assertThat(ring.rotateIfDue()).isFalse();
        String issuedBeforeRotation = issue(ring);
        assertThat(kidOf(issuedBeforeRotation)).isEqualTo(firstKid);

        clock.advance(Duration.ofMinutes(2));
        assertThat(ring.rotateIfDue()).isTrue();
        String issuedAfterRotation = issue(ring);
        String secondKid = kidOf(issuedAfterRotation);

        assertThat(secondKid).isNotEqualTo(firstKid);
        assertThat(published(ring)).containsExactlyInAnyOrder(firstKid, secondKid);
        assertThat(api.decode(issuedBeforeRotation).getSubject()).isEqualTo("user");
        assertThat(api.decode(issuedAfterRotation).getSubject()).isEqualTo("user");

        clock.advance(Duration.ofMinutes(2));
        assertThat(api.decode(issuedBeforeRotation).getSubject()).as("still within its lifetime").isEqualTo("user");

        clock.advance(RETENTION.minusMinutes(2));
        assertThat(published(ring)).containsExactly(secondKid);
        assertThatThrownBy(() -> api.decode(issuedBeforeRotation)).isInstanceOf(JwtException.class);
        assertThat(ring.rotateIfDue()).as("the retired key is deleted").isTrue();
        assertThat(Files.readString(keys.resolve(SigningKeyRing.FILE))).doesNotContain(firstKid).contains(secondKid);
    }

    @Test
    void openWhenKeysOnDiskThenSameKeysAfterRestartInAPrivateFile() throws Exception {
        SigningKeyRing ring = open();
        clock.advance(ROTATION);
        String token = issue(ring);
        ring.rotateIfDue();
        List<String> before = published(ring);

        SigningKeyRing restarted = open();

        assertThat(published(restarted)).containsExactlyInAnyOrderElementsOf(before).hasSize(2);
        assertThat(kidOf(issue(restarted))).isEqualTo(kidOf(issue(ring)));
        assertThat(JwtValidation.decoder(restarted.publishedKeys(), ISSUER, clock).decode(token).getSubject())
                .isEqualTo("user");
        assertThat(Files.getPosixFilePermissions(keys.resolve(SigningKeyRing.FILE)))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void openWhenOnlyTheSingleKeyOfEarlierVersionsThenItIsKeptUntilRotationAndReplacedSafely() throws Exception {
        RSAKey legacy = new RSAKeyGenerator(2048).keyID("legacy-key").generate();
        Path legacyFile = keys.resolve(SigningKeyRing.LEGACY_FILE);
        PrivateFiles.write(legacyFile, legacy.toJSONString());
        Files.setLastModifiedTime(legacyFile, FileTime.from(clock.instant().minus(Duration.ofDays(3))));

        SigningKeyRing ring = open();

        assertThat(published(ring)).containsExactly("legacy-key");
        assertThat(kidOf(issue(ring))).isEqualTo("legacy-key");
        assertThat(legacyFile).doesNotExist();
        assertThat(published(open())).as("kept across the next restart").containsExactly("legacy-key");

        clock.advance(ROTATION);
        ring.rotateIfDue();
        assertThat(published(ring)).containsExactlyInAnyOrder("legacy-key", kidOf(issue(ring)));
    }

    @Test
    void openWhenSigningKeyOlderThanRotationThenRotatedAtStart() throws Exception {
        SigningKeyRing ring = open();
        String oldKid = kidOf(issue(ring));
        clock.advance(ROTATION.plusDays(10));

        SigningKeyRing restarted = open();

        assertThat(kidOf(issue(restarted))).isNotEqualTo(oldKid);
        assertThat(published(restarted)).contains(oldKid).hasSize(2);
    }

    private SigningKeyRing open() throws Exception {
        return SigningKeyRing.open(keys, ROTATION, RETENTION, clock);
    }

    /** A token as the authorization server issues one: signed by the current key, lifetime five minutes. */
    private String issue(SigningKeyRing ring) {
        Instant now = clock.instant();
        JwtClaimsSet claims = JwtClaimsSet.builder().issuer(ISSUER.value()).subject("user")
                .audience(List.of(JwtValidation.API_AUDIENCE)).issuedAt(now).notBefore(now)
                .expiresAt(now.plus(LIFETIME)).build();
        Jwt jwt = new NimbusJwtEncoder(ring.signingKey()).encode(
                JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claims));
        return jwt.getTokenValue();
    }

    private static String kidOf(String token) throws Exception {
        return com.nimbusds.jwt.SignedJWT.parse(token).getHeader().getKeyID();
    }

    /** The kids of the JWKS document, selected the way the authorization server's JWKS endpoint does. */
    private static List<String> published(SigningKeyRing ring) throws Exception {
        JWKSource<SecurityContext> source = ring.publishedKeys();
        return source.get(new JWKSelector(new JWKMatcher.Builder().build()), null).stream().map(JWK::getKeyID).toList();
    }
}
