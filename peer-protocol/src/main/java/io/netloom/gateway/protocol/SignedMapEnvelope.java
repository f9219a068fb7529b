package io.netloom.gateway.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * How a full map or a delta travels, signed by its account's Ed25519 key (scheme
 * {@value #SCHEME}, docs/protocol.md section 2):
 * <pre>{"type":"delta","sig":"&lt;base64 proof&gt;","delta":&lt;json&gt;}</pre>
 * The envelope is fixed, so a receiver finds {@code <json>} without parsing anything and verifies it
 * over those exact bytes before it parses them. What is verified is domain-separated and names the
 * kind of message and its one recipient (account and peer), so it holds for that one use only:
 * another peer's map, or a map presented as a delta, does not verify.
 *
 * <p>One signature covers a batch of up to {@value MerkleBatch#MAX_LEAVES} messages: it signs the
 * root of a {@link MerkleBatch} over their signed inputs, and each message carries, in its proof,
 * the signature, its place in the batch and the sibling hashes up to the root. A message of its own
 * is a batch of one.
 */
public final class SignedMapEnvelope {

    public static final String SCHEME = "ed25519-netloom-map-v1";
    private static final byte[] DOMAIN = "netloom map v1".getBytes(StandardCharsets.UTF_8);
    private static final byte[] BATCH_DOMAIN = "netloom map batch v1".getBytes(StandardCharsets.UTF_8);
    private static final int SIGNATURE_BYTES = 64;
    private static final int PROOF_HEADER_BYTES = SIGNATURE_BYTES + 4;
    private static final int MAX_PROOF_CHARS =
            (PROOF_HEADER_BYTES + MerkleBatch.MAX_PATH * MerkleBatch.HASH_BYTES + 2) / 3 * 4;
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

    /**
     * What shows that a message is signed: the Ed25519 signature over its batch's root, and the
     * message's place in the batch with the sibling hashes that lead up to that root. Encoded as
     * signature (64 bytes) ‖ index (2 bytes) ‖ size (2 bytes) ‖ path (32 bytes each), big-endian.
     */
    public record Proof(byte[] signature, int index, int size, List<byte[]> path) {

        public Proof {
            path = List.copyOf(path);
        }

        byte[] encoded() {
            ByteBuffer encoded = ByteBuffer.allocate(PROOF_HEADER_BYTES + path.size() * MerkleBatch.HASH_BYTES)
                    .put(signature).putShort((short) index).putShort((short) size);
            path.forEach(encoded::put);
            return encoded.array();
        }

        static Proof decode(byte[] encoded) {
            int pathBytes = encoded.length - PROOF_HEADER_BYTES;
            if (pathBytes < 0 || pathBytes % MerkleBatch.HASH_BYTES != 0) {
                throw new IllegalArgumentException("its signature proof has a malformed length");
            }
            ByteBuffer buffer = ByteBuffer.wrap(encoded);
            byte[] signature = new byte[SIGNATURE_BYTES];
            buffer.get(signature);
            int index = Short.toUnsignedInt(buffer.getShort());
            int size = Short.toUnsignedInt(buffer.getShort());
            List<byte[]> path = new ArrayList<>();
            while (buffer.hasRemaining()) {
                byte[] hash = new byte[MerkleBatch.HASH_BYTES];
                buffer.get(hash);
                path.add(hash);
            }
            return new Proof(signature, index, size, path);
        }
    }

    /** A received message taken apart, not yet verified. */
    public record Opened(Kind kind, Proof proof, String json) {

        /**
         * Whether {@code publicKey} (32 raw bytes) signed exactly this JSON, of this kind, for
         * {@code recipient}: its leaf leads up to a root the key signed.
         */
        public boolean isSignedBy(byte[] publicKey, Recipient recipient) {
            byte[] leaf = leafHash(kind, recipient, json.getBytes(StandardCharsets.UTF_8));
            Optional<byte[]> root = MerkleBatch.rootOf(leaf, proof.index(), proof.size(), proof.path());
            if (root.isEmpty()) {
                return false;
            }
            byte[] input = batchInput(root.get(), proof.size());
            return new Ed25519PublicKeyParameters(publicKey, 0)
                    .verify(Ed25519.Algorithm.Ed25519, null, input, 0, input.length, proof.signature(), 0);
        }
    }

    private SignedMapEnvelope() {
    }

    /**
     * A message's signed input: "netloom map v1", the message type, the account id and the peer id,
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

    /** The message's leaf in its batch: the hash of its signed input. */
    public static byte[] leafHash(Kind kind, Recipient recipient, byte[] json) {
        return MerkleBatch.leafHash(signedInput(kind, recipient, json));
    }

    /**
     * What the account key signs for a batch: "netloom map batch v1" preceded by its length, the
     * number of messages (4 bytes) and the root, so that no part of a proof can be altered unnoticed.
     */
    public static byte[] batchInput(byte[] root, int size) {
        return ByteBuffer.allocate(4 + BATCH_DOMAIN.length + 4 + root.length)
                .putInt(BATCH_DOMAIN.length).put(BATCH_DOMAIN).putInt(size).put(root).array();
    }

    /** The message as sent: {@code json} must be the very text whose UTF-8 bytes were signed. */
    public static String envelope(Kind kind, Proof proof, String json) {
        if (proof.signature().length != SIGNATURE_BYTES) {
            throw new IllegalArgumentException("an Ed25519 signature has 64 bytes, not " + proof.signature().length);
        }
        return kind.head + Base64.getEncoder().encodeToString(proof.encoded()) + kind.middle + json + "}";
    }

    /** Takes a received map or delta apart; refuses anything not in the exact envelope, an unsigned message first of all. */
    public static Opened open(String text) {
        Kind kind = text.startsWith(Kind.MAP.head) ? Kind.MAP : text.startsWith(Kind.DELTA.head) ? Kind.DELTA : null;
        if (kind == null) {
            throw new IllegalArgumentException("it is not signed (no \"sig\" right after its type)");
        }
        int proofEnd = text.indexOf('"', kind.head.length());
        if (proofEnd < 0 || proofEnd - kind.head.length() > MAX_PROOF_CHARS || !text.startsWith(kind.middle, proofEnd)
                || !text.endsWith("}") || text.length() < proofEnd + kind.middle.length() + 1) {
            throw new IllegalArgumentException("its signed envelope is malformed");
        }
        byte[] proof;
        try {
            proof = Base64.getDecoder().decode(text.substring(kind.head.length(), proofEnd));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("its signature proof is not base64");
        }
        return new Opened(kind, Proof.decode(proof), text.substring(proofEnd + kind.middle.length(), text.length() - 1));
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
