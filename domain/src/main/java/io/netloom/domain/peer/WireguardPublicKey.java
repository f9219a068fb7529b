package io.netloom.domain.peer;

import io.netloom.domain.common.CommandRejectedException;
import java.util.Base64;

/** A peer's WireGuard identity. Only the canonical 44-character form is accepted, so one key has one spelling. */
public record WireguardPublicKey(String base64) {

    private static final int KEY_BYTES = 32;

    public WireguardPublicKey {
        if (base64 == null || !isCanonicalKey(base64)) {
            throw CommandRejectedException.invalid("WireGuard public key must be 32 bytes in standard base64");
        }
    }

    private static boolean isCanonicalKey(String base64) {
        try {
            byte[] key = Base64.getDecoder().decode(base64);
            return key.length == KEY_BYTES && Base64.getEncoder().encodeToString(key).equals(base64);
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }
}
