package io.netloom.daemon.wireguard;

import io.netloom.daemon.link.Printable;
import java.util.Base64;
import java.util.HexFormat;

/** WireGuard keys are 32 bytes: base64 for people and the {@code wg} tool, lowercase hex on the UAPI. */
final class WireGuardKeys {

    static final int LENGTH = 32;

    private static final HexFormat HEX = HexFormat.of();

    private WireGuardKeys() {
    }

    static String base64ToHex(String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64 == null ? "" : base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("public key " + Printable.quote(base64) + " is not base64");
        }
        if (key.length != LENGTH) {
            throw new IllegalArgumentException("public key " + Printable.quote(base64) + " is not a WireGuard key (32 bytes of base64)");
        }
        return HEX.formatHex(key);
    }

    static String hexToBase64(String hex) {
        if (hex == null || hex.length() != LENGTH * 2 || !hex.chars().allMatch(HexFormat::isHexDigit)) {
            throw new IllegalArgumentException("WireGuard reported a key that is not 64 hex digits");
        }
        return Base64.getEncoder().encodeToString(HEX.parseHex(hex));
    }

    /** Private keys get their own method so that no message can ever quote them. */
    static String privateKeyToHex(byte[] privateKey) {
        requirePrivateKey(privateKey);
        return HEX.formatHex(privateKey);
    }

    static String privateKeyToBase64(byte[] privateKey) {
        requirePrivateKey(privateKey);
        return Base64.getEncoder().encodeToString(privateKey);
    }

    private static void requirePrivateKey(byte[] privateKey) {
        if (privateKey == null || privateKey.length != LENGTH) {
            throw new IllegalArgumentException("a WireGuard private key has exactly 32 bytes");
        }
    }
}
