package io.netloom.gateway.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * How a full map or a delta travels, signed by its account's Ed25519 key (scheme
 * {@value #SCHEME}, docs/protocol.md section 2):
 * <pre>{"type":"delta","sig":"&lt;base64, 64 bytes&gt;","delta":&lt;json&gt;}</pre>
 * The envelope is fixed, so a receiver finds {@code <json>} without parsing anything and verifies the
 * signature over those exact bytes before it parses them. The signed input is domain-separated and
 * names the kind of message and its one recipient (account and peer), so a signature is good for
 * that one use only: another peer's map, or a map presented as a delta, does not verify.
 */
public final class SignedMapEnvelope {

    public static final String SCHEME = "ed25519-netloom-map-v1";
    private static final byte[] DOMAIN = "netloom map v1".getBytes(StandardCharsets.UTF_8);
    private static final int SIGNATURE_BYTES = 64;
    private static final int SIGNATURE_CHARS = 88;
    private static final int PUBLIC_KEY_BYTES = 32;

    /** The two signed message types, named as on the wire. */
    public enum Kind {
        MAP("map"), DELTA("delta");

        private final String type;
        private final String head;
        private final String middle;

        Kind(String type) {
            this.type = type;
            this.head = "{\"type\":\"" + type + "\",\"sig\":\"";
            this.middle = "\",\"" + type + "\":";
        }

        public String type() {
            return type;
        }
    }

    /** The peer a message is meant for. */
    public record Recipient(String accountId, String peerId) {
    }

    /** A received message taken apart, not yet verified. */
    public record Opened(Kind kind, byte[] signature, String json) {

        /** Whether {@code publicKey} (32 raw bytes) signed exactly this JSON, of this kind, for {@code recipient}. */
        public boolean isSignedBy(byte[] publicKey, Recipient recipient) {
            byte[] input = signedInput(kind, recipient, json.getBytes(StandardCharsets.UTF_8));
            return new Ed25519PublicKeyParameters(publicKey, 0)
                    .verify(Ed25519.Algorithm.Ed25519, null, input, 0, input.length, signature, 0);
        }
    }

    private SignedMapEnvelope() {
    }

    /**
     * What the account key signs: "netloom map v1", the message type, the account id and the peer id,
     * each preceded by its length, then the JSON bytes.
     */
    public static byte[] signedInput(Kind kind, Recipient recipient, byte[] json) {
        byte[] type = kind.type.getBytes(StandardCharsets.UTF_8);
        byte[] account = recipient.accountId().getBytes(StandardCharsets.UTF_8);
        byte[] peer = recipient.peerId().getBytes(StandardCharsets.UTF_8);
        ByteBuffer input = ByteBuffer.allocate(4 * 4 + DOMAIN.length + type.length + account.length + peer.length
                + json.length);
        for (byte[] field : new byte[][] {DOMAIN, type, account, peer}) {
            input.putInt(field.length).put(field);
        }
        return input.put(json).array();
    }

    /** The message as sent: {@code json} must be the very text whose UTF-8 bytes were signed. */
    public static String envelope(Kind kind, byte[] signature, String json) {
        if (signature.length != SIGNATURE_BYTES) {
            throw new IllegalArgumentException("an Ed25519 signature has 64 bytes, not " + signature.length);
        }
        return kind.head + Base64.getEncoder().encodeToString(signature) + kind.middle + json + "}";
    }

    /** Takes a received map or delta apart; refuses anything not in the exact envelope, an unsigned message first of all. */
    public static Opened open(String text) {
        Kind kind = text.startsWith(Kind.MAP.head) ? Kind.MAP : text.startsWith(Kind.DELTA.head) ? Kind.DELTA : null;
        if (kind == null) {
            throw new IllegalArgumentException("it is not signed (no \"sig\" right after its type)");
        }
        int signatureEnd = kind.head.length() + SIGNATURE_CHARS;
        if (text.length() < signatureEnd + kind.middle.length() + 1
                || !text.startsWith(kind.middle, signatureEnd) || !text.endsWith("}")) {
            throw new IllegalArgumentException("its signed envelope is malformed");
        }
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(text.substring(kind.head.length(), signatureEnd));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("its signature is not base64");
        }
        if (signature.length != SIGNATURE_BYTES) {
            throw new IllegalArgumentException("its signature is not 64 bytes long");
        }
        return new Opened(kind, signature, text.substring(signatureEnd + kind.middle.length(), text.length() - 1));
    }

    /** A map-signing public key as enrollment hands it out: 32 bytes, base64. */
    public static byte[] decodePublicKey(String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64 == null ? "" : base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the map-signing key is not base64");
        }
        if (key.length != PUBLIC_KEY_BYTES) {
            throw new IllegalArgumentException("the map-signing key must be 32 bytes, not " + key.length);
        }
        try {
            new Ed25519PublicKeyParameters(key, 0);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the map-signing key is not an Ed25519 public key");
        }
        return key;
    }
}
