package io.netloom.server.identity.logout;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;

import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Validates a logout token exactly as OIDC Back-Channel Logout 1.0 section 2.6 says, for one provider: a JWT signed
 * with an asymmetric key from the provider's key set (never {@code none}, never a shared secret), issued by the
 * provider for our client, recently, with the back-channel logout event, naming a person or a session, without a
 * {@code nonce}, and not seen before. Each failure says which rule the token broke.
 */
public final class LogoutTokenValidator {

    /** The event a logout token carries (section 2.4). */
    public static final String LOGOUT_EVENT = "http://schemas.openid.net/event/backchannel-logout";
    /**
     * How old a logout token may be: the provider posts it the moment the session ends, and a short window keeps the
     * replay store small. Keycloak's tokens are seconds old when they arrive.
     */
    static final Duration MAX_AGE = Duration.ofMinutes(2);
    /** How far the provider's clock may be ahead of ours. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);
    private static final int MAX_IDENTIFIER_LENGTH = 255;
    /** Far above a real logout token (Keycloak's: about 1 KB); parsing is not spent on anything larger. */
    static final int MAX_TOKEN_LENGTH = 16 * 1024;
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.copyOf(List.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
            JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256,
            JWSAlgorithm.ES384, JWSAlgorithm.ES512, JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519));

    private final String providerId;
    private final String issuer;
    private final String clientId;
    private final Clock clock;
    private final SeenLogoutTokens seen;
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    /**
     * @param keys the provider's signing keys (its {@code jwks_uri})
     * @param issuer the provider's issuer, as its discovery document names it
     */
    public LogoutTokenValidator(String providerId, JWKSource<SecurityContext> keys, String issuer, String clientId,
            Clock clock, SeenLogoutTokens seen) {
        this.providerId = providerId;
        this.issuer = withoutTrailingSlash(issuer);
        this.clientId = clientId;
        this.clock = clock;
        this.seen = seen;
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
        // Section 2.4 recommends "logout+jwt"; Keycloak and others send "JWT" or nothing.
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("logout+jwt"),
                JOSEObjectType.JWT, null));
        // The claims are checked below, each with its own message.
        processor.setJWTClaimsSetVerifier(null);
    }

    /**
     * The token's person and session, once every check passed and its {@code jti} was recorded.
     *
     * @throws InvalidLogoutTokenException which rule the token broke
     * @throws KeySourceException the provider's key set could not be fetched: the token is not known to be bad
     */
    public LogoutToken validate(String token) throws KeySourceException {
        if (token == null || token.isBlank()) {
            throw new InvalidLogoutTokenException("logout_token is missing");
        }
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw new InvalidLogoutTokenException("logout_token is longer than " + MAX_TOKEN_LENGTH + " characters");
        }
        JWTClaimsSet claims = verifiedClaims(token);
        Instant now = clock.instant();
        String tokenIssuer = claims.getIssuer();
        if (tokenIssuer == null || !withoutTrailingSlash(tokenIssuer).equals(issuer)) {
            throw new InvalidLogoutTokenException("iss is not the provider's issuer");
        }
        List<String> audience = claims.getAudience();
        if (audience == null || !audience.contains(clientId)) {
            throw new InvalidLogoutTokenException("aud does not contain this client");
        }
        Instant issuedAt = instant(claims.getIssueTime(), "iat is missing");
        if (issuedAt.isAfter(now.plus(CLOCK_SKEW))) {
            throw new InvalidLogoutTokenException("iat is in the future");
        }
        if (issuedAt.isBefore(now.minus(MAX_AGE).minus(CLOCK_SKEW))) {
            throw new InvalidLogoutTokenException("iat is too old");
        }
        if (claims.getExpirationTime() != null
                && claims.getExpirationTime().toInstant().isBefore(now.minus(CLOCK_SKEW))) {
            throw new InvalidLogoutTokenException("the token expired");
        }
        requireLogoutEvent(claims.getClaim("events"));
        Optional<String> subject = identifier(claims, "sub");
        Optional<String> session = identifier(claims, "sid");
        if (subject.isEmpty() && session.isEmpty()) {
            throw new InvalidLogoutTokenException("neither sub nor sid is present");
        }
        if (claims.getClaim("nonce") != null) {
            throw new InvalidLogoutTokenException("nonce must not be present");
        }
        String tokenId = identifier(claims, "jti").orElseThrow(() -> new InvalidLogoutTokenException(
                "jti is missing"));
        // Remembered until it would be refused for its age anyway.
        if (!seen.firstTime(replayKey(tokenId), issuedAt.plus(MAX_AGE).plus(CLOCK_SKEW).plus(CLOCK_SKEW))) {
            throw new InvalidLogoutTokenException("this logout token was already received (jti replayed)");
        }
        return new LogoutToken(subject, session, tokenId, issuedAt);
    }

    /**
     * Forgets that a token was received, so that the provider's next delivery of it is taken: for a token whose
     * logout could not be carried out. Without it, that delivery would be refused as a replay and the person would
     * stay signed in.
     */
    public void forget(LogoutToken token) {
        seen.forget(replayKey(token.tokenId()));
    }

    private String replayKey(String tokenId) {
        return providerId + " " + tokenId;
    }

    private JWTClaimsSet verifiedClaims(String token) throws KeySourceException {
        SignedJWT jwt;
        try {
            // Only a JWS parses here: an unsigned ("alg": "none") or encrypted token fails.
            jwt = SignedJWT.parse(token);
        } catch (ParseException e) {
            throw new InvalidLogoutTokenException("logout_token is not a signed JWT");
        }
        JWSAlgorithm algorithm = jwt.getHeader().getAlgorithm();
        if (!ALGORITHMS.contains(algorithm)) {
            // Named only when it is a registered name: the header is the sender's text, and this message is logged.
            String named = JWSAlgorithm.Family.SIGNATURE.contains(algorithm)
                    || JWSAlgorithm.Family.HMAC_SHA.contains(algorithm) ? "alg " + algorithm.getName() : "its alg";
            throw new InvalidLogoutTokenException(named + " is not an accepted signature algorithm");
        }
        try {
            return processor.process(jwt, null);
        } catch (KeySourceException e) {
            throw e;
        } catch (BadJOSEException | JOSEException e) {
            throw new InvalidLogoutTokenException("the signature does not verify with the provider's keys");
        }
    }

    private static void requireLogoutEvent(Object events) {
        if (!(events instanceof Map<?, ?> members)) {
            throw new InvalidLogoutTokenException("events is missing or not a JSON object");
        }
        if (!(members.get(LOGOUT_EVENT) instanceof Map<?, ?>)) {
            throw new InvalidLogoutTokenException("events does not contain " + LOGOUT_EVENT + " as a JSON object");
        }
    }

    private static Optional<String> identifier(JWTClaimsSet claims, String name) {
        Object value = claims.getClaim(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String text) || text.isBlank() || text.length() > MAX_IDENTIFIER_LENGTH
                || text.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidLogoutTokenException(name + " is not a usable string");
        }
        return Optional.of(text);
    }

    private static Instant instant(Date date, String missing) {
        if (date == null) {
            throw new InvalidLogoutTokenException(missing);
        }
        return date.toInstant();
    }

    private static String withoutTrailingSlash(String uri) {
        return uri.replaceAll("/+$", "");
    }
}
