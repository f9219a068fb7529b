package io.netloom.server.security;

import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * What validating a JWT costs the API per call, the key set in memory (the server's own ring: no JWKS is
 * ever fetched): the decoder {@link JwtValidation} builds for the API (RS256 with the published keys,
 * timestamps, issuer, audience) on an access token shaped as the authorization server issues a person's
 * (same claims, a 2048-bit key of a {@link SigningKeyRing} as the server opens it). Beside it, the parts:
 * parsing alone and the RSA signature check alone; the same decoder given only the public halves of the
 * keys; and what a personal access token costs instead (its SHA-256, before the same directory lookups). Run by {@code ops/bench/jwt-validation-benchmark.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class JwtValidationBenchmark {

    private static final IssuerUrl ISSUER = new IssuerUrl("https://localhost:18480");

    private JwtDecoder decoder;
    private JwtDecoder publicKeysDecoder;
    private String personToken;
    private SignedJWT parsed;
    private JWSVerifier verifier;
    private String personalAccessToken;

    @Setup
    public void openRingAndIssueToken() throws Exception {
        Path keys = Files.createTempDirectory("netloom-jwt-bench-");
        Clock clock = Clock.systemUTC();
        SigningKeyRing ring = SigningKeyRing.open(keys, Duration.ofDays(30), Duration.ofMinutes(11), clock);
        decoder = JwtValidation.decoder(ring.publishedKeys(), ISSUER, clock);
        // The same decoder over the public halves of the same keys: the ring's JWKs carry their private parts, which
        // Nimbus's key selector converts to Java keys on every call before keeping the public ones.
        JWKSet publicKeys = new JWKSet(ring.publishedKeys().get(new JWKSelector(new JWKMatcher.Builder().build()), null))
                .toPublicJWKSet();
        publicKeysDecoder = JwtValidation.decoder((selector, context) -> selector.select(publicKeys), ISSUER, clock);
        Instant now = clock.instant();
        // The claims of a person's access token from the device flow (SecurityConfiguration.userClaims; a real one
        // carries exactly these), with a run's worth of lifetime instead of 10 minutes.
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(ISSUER.value())
                .subject(UUID.randomUUID().toString())
                .audience(List.of(JwtValidation.API_AUDIENCE))
                .issuedAt(now)
                .notBefore(now)
                .expiresAt(now.plus(Duration.ofHours(1)))
                .id(UUID.randomUUID().toString())
                .claim(JwtCallerConverter.ACCOUNT_CLAIM, UUID.randomUUID().toString())
                .claim("email", "bench-person@example.org")
                .build();
        personToken = new NimbusJwtEncoder(ring.signingKey())
                .encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claims))
                .getTokenValue();
        parsed = SignedJWT.parse(personToken);
        verifier = new RSASSAVerifier(ring.publishedKeys().get(new JWKSelector(new JWKMatcher.Builder().build()), null)
                .get(0).toRSAKey());
        personalAccessToken = SecretTokens.newPersonalAccessToken();
        // A decoder that refused the token would make every figure below meaningless.
        if (!decoder.decode(personToken).getSubject().equals(claims.getSubject())
                || !publicKeysDecoder.decode(personToken).getSubject().equals(claims.getSubject())) {
            throw new IllegalStateException("the API's decoder does not accept the token");
        }
    }

    /** Everything the API's decoder does for one {@code Authorization: Bearer} header. */
    @Benchmark
    public Jwt decodeAndValidatePersonToken() {
        return decoder.decode(personToken);
    }

    /** Not the server's: what handing the decoder the public keys alone would save (same validators, same keys). */
    @Benchmark
    public Jwt decodeAndValidateWithPublicKeysOnly() {
        return publicKeysDecoder.decode(personToken);
    }

    @Benchmark
    public Object parseOnly() throws Exception {
        return SignedJWT.parse(personToken).getJWTClaimsSet();
    }

    @Benchmark
    public boolean rs256SignatureOnly() throws Exception {
        return verifier.verify(parsed.getHeader(), parsed.getSigningInput(), parsed.getSignature());
    }

    /** The cryptographic part of an {@code Authorization: Token} header, for comparison. */
    @Benchmark
    public String personalAccessTokenHash() {
        return SecretTokens.hash(personalAccessToken);
    }
}
