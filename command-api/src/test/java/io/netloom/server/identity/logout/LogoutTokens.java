package io.netloom.server.identity.logout;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Logout tokens as a provider signs them, with a test key, for tests that break one rule at a time. */
public final class LogoutTokens {

    public static final String ISSUER = "https://idp.example.com/realms/test";
    public static final String CLIENT = "netloom-server";

    private final RSAKey key;

    private LogoutTokens(RSAKey key) {
        this.key = key;
    }

    public static LogoutTokens withNewKey() {
        try {
            return new LogoutTokens(new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate());
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public half, as the provider's key set publishes it. */
    public RSAKey publicKey() {
        return key.toPublicJWK();
    }

    /** The claims of a valid token about {@code subject}, issued at {@code at}, to change before signing. */
    public static JWTClaimsSet.Builder valid(String subject, Instant at) {
        return valid(ISSUER, subject, at);
    }

    /** The same from another issuer. */
    public static JWTClaimsSet.Builder valid(String issuer, String subject, Instant at) {
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(List.of(CLIENT))
                .issueTime(Date.from(at))
                .expirationTime(Date.from(at.plusSeconds(120)))
                .jwtID(UUID.randomUUID().toString())
                .subject(subject)
                .claim("sid", "session-" + subject)
                .claim("events", Map.of(LogoutTokenValidator.LOGOUT_EVENT, Map.of()));
    }

    public String sign(JWTClaimsSet.Builder claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(new JOSEObjectType("logout+jwt")).build(), claims.build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
