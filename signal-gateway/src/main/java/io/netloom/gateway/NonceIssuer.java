package io.netloom.gateway;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Challenges for the upgrade's proof of key possession. A nonce carries its issue time and a MAC
 * under a secret that lives only in this process, so issuing stores nothing; a nonce is accepted
 * once, within its validity.
 */
final class NonceIssuer {

    static final Duration VALIDITY = Duration.ofSeconds(60);
    private static final int RANDOM_BYTES = 16;
    private static final int MAC_BYTES = 16;
    private static final int BODY_BYTES = Long.BYTES + RANDOM_BYTES;

    private final SecureRandom random = new SecureRandom();
    private final byte[] secret = new byte[32];
    private final Clock clock;
    private final Map<String, Long> redeemed = new ConcurrentHashMap<>();

    NonceIssuer(Clock clock) {
        this.clock = clock;
        random.nextBytes(secret);
    }

    String issue() {
        ByteBuffer body = ByteBuffer.allocate(BODY_BYTES + MAC_BYTES);
        body.putLong(clock.millis());
        byte[] randomPart = new byte[RANDOM_BYTES];
        random.nextBytes(randomPart);
        body.put(randomPart);
        body.put(mac(Arrays.copyOf(body.array(), BODY_BYTES)));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(body.array());
    }

    /** Accepts a nonce this issuer made, that is still valid and has not been used; then it is used up. */
    boolean redeem(String nonce) {
        byte[] decoded;
        try {
            decoded = Base64.getUrlDecoder().decode(nonce);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (decoded.length != BODY_BYTES + MAC_BYTES) {
            return false;
        }
        byte[] body = Arrays.copyOf(decoded, BODY_BYTES);
        if (!MessageDigest.isEqual(mac(body), Arrays.copyOfRange(decoded, BODY_BYTES, decoded.length))) {
            return false;
        }
        long issuedAt = ByteBuffer.wrap(body).getLong();
        long now = clock.millis();
        if (issuedAt > now || now - issuedAt > VALIDITY.toMillis()) {
            return false;
        }
        return redeemed.putIfAbsent(nonce, issuedAt + VALIDITY.toMillis()) == null;
    }

    void forgetExpired() {
        long now = clock.millis();
        redeemed.values().removeIf(expiry -> expiry < now);
    }

    private byte[] mac(byte[] body) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return Arrays.copyOf(hmac.doFinal(body), MAC_BYTES);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
        }
    }
}
