package io.netloom.gateway.protocol;

import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code Authorization} header of a peer's WebSocket upgrade, scheme {@code x25519-hmac-sha256-v1}
 * (ADR 0004): the peer's WireGuard public key, a nonce the gateway issued, and
 * HMAC-SHA256(HKDF(X25519(peer private, gateway public), "netloom gateway auth v1"), nonce).
 * Only the holder of the peer's private key can produce the MAC; nothing secret is ever sent.
 */
public record GatewayAuthorization(String publicKey, String nonce, String mac) {

    public static final String SCHEME = "x25519-hmac-sha256-v1";
    private static final byte[] INFO = Hkdf.utf8("netloom gateway auth v1");

    /** The header a peer sends, computed with its own key pair and the gateway's public key. */
    public static GatewayAuthorization prove(X25519Keys peer, byte[] gatewayPublicKey, String nonce) {
        return new GatewayAuthorization(peer.publicKeyBase64(), nonce,
                Base64.getEncoder().encodeToString(mac(peer.agree(gatewayPublicKey), nonce)));
    }

    /** Whether the MAC is right, checked by the gateway with its own key pair. */
    public boolean isProvenBy(X25519Keys gateway) {
        byte[] expected = mac(gateway.agree(X25519Keys.decodePublicKey(publicKey)), nonce);
        byte[] presented;
        try {
            presented = Base64.getDecoder().decode(mac);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(expected, presented);
    }

    public String headerValue() {
        return SCHEME + " key=" + publicKey + ",nonce=" + nonce + ",mac=" + mac;
    }

    /** Parses a header value; a wrong scheme or a missing part is refused with the reason. */
    public static GatewayAuthorization parse(String header) {
        if (header == null || !header.startsWith(SCHEME + " ")) {
            throw new IllegalArgumentException("Authorization must use the " + SCHEME + " scheme");
        }
        Map<String, String> parts = new LinkedHashMap<>();
        for (String part : header.substring(SCHEME.length() + 1).split(",")) {
            int equals = part.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("Authorization parameters must be name=value pairs");
            }
            parts.put(part.substring(0, equals).trim(), part.substring(equals + 1).trim());
        }
        for (String required : new String[] {"key", "nonce", "mac"}) {
            if (parts.getOrDefault(required, "").isEmpty()) {
                throw new IllegalArgumentException("Authorization lacks " + required);
            }
        }
        return new GatewayAuthorization(parts.get("key"), parts.get("nonce"), parts.get("mac"));
    }

    private static byte[] mac(byte[] sharedSecret, String nonce) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(Hkdf.derive(sharedSecret, null, INFO, 32), "HmacSHA256"));
            return hmac.doFinal(Hkdf.utf8(nonce));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
        }
    }
}
