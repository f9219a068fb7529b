package io.netloom.server.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Compares a presented token with the SHA-256 hash Netloom stores instead of it, in constant time. */
final class HashedSecretEncoder implements PasswordEncoder {

    @Override
    public String encode(CharSequence rawSecret) {
        return SecretTokens.hash(rawSecret.toString());
    }

    @Override
    public boolean matches(CharSequence rawSecret, String storedHash) {
        if (rawSecret == null || storedHash == null) {
            return false;
        }
        return MessageDigest.isEqual(encode(rawSecret).getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }
}
