package io.netloom.gateway.protocol;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.function.UnaryOperator;

/**
 * One Noise handshake, {@code Noise_KK_25519_ChaChaPoly_SHA256} (The Noise Protocol Framework, revision 34): both
 * sides know each other's static key beforehand ({@code -> s}, {@code <- s}), then
 *
 * <pre>
 *   -> e, es, ss      the initiator's fresh ephemeral key
 *   <- e, ee, se      the responder's fresh ephemeral key
 * </pre>
 *
 * after which {@link #split()} gives one key per direction, mixed from both ephemerals. Reading a message works on
 * a copy of the state and keeps it only when the message authenticates, so a forged or tampered message leaves the
 * handshake as it was. Not thread-safe: one owner at a time.
 */
final class KkHandshake {

    private static final byte[] PROTOCOL_NAME = Hkdf.utf8("Noise_KK_25519_ChaChaPoly_SHA256");
    private static final int KEY_BYTES = 32;
    private static final byte[] EMPTY = new byte[0];

    private final boolean initiator;
    private final X25519Keys localStatic;
    private final byte[] remoteStatic;
    private final X25519Keys localEphemeral;
    private byte[] remoteEphemeral;
    private SymmetricState state;
    private int messages;

    private KkHandshake(boolean initiator, X25519Keys localStatic, byte[] remoteStatic, byte[] prologue,
            X25519Keys localEphemeral) {
        if (remoteStatic.length != KEY_BYTES) {
            throw new IllegalArgumentException("an X25519 public key has 32 bytes");
        }
        this.initiator = initiator;
        this.localStatic = localStatic;
        this.remoteStatic = remoteStatic.clone();
        this.localEphemeral = localEphemeral;
        this.state = new SymmetricState(PROTOCOL_NAME);
        state.mixHash(prologue);
        state.mixHash(initiator ? localStatic.publicKey() : remoteStatic);
        state.mixHash(initiator ? remoteStatic : localStatic.publicKey());
    }

    /** The side that writes the first message; {@code ephemeral} must be fresh and is erased by {@link #erase()}. */
    static KkHandshake initiator(X25519Keys localStatic, byte[] remoteStatic, byte[] prologue, X25519Keys ephemeral) {
        return new KkHandshake(true, localStatic, remoteStatic, prologue, ephemeral);
    }

    /** The side that reads the first message and writes the second. */
    static KkHandshake responder(X25519Keys localStatic, byte[] remoteStatic, byte[] prologue, X25519Keys ephemeral) {
        return new KkHandshake(false, localStatic, remoteStatic, prologue, ephemeral);
    }

    /** {@code -> e, es, ss}: the ephemeral public key, then the sealed payload. */
    byte[] writeFirst(byte[] payload) {
        expect(true, 0);
        return write(localEphemeral.agree(remoteStatic), localStatic.agree(remoteStatic), payload);
    }

    /** Reads {@code -> e, es, ss}: the payload, or an {@link IllegalArgumentException} if it does not authenticate. */
    byte[] readFirst(byte[] message) {
        expect(false, 0);
        return read(message, localStatic::agree, ephemeral -> localStatic.agree(remoteStatic));
    }

    /** {@code <- e, ee, se}: the ephemeral public key, then the sealed payload. */
    byte[] writeSecond(byte[] payload) {
        expect(false, 1);
        return write(localEphemeral.agree(remoteEphemeral), localEphemeral.agree(remoteStatic), payload);
    }

    /** Reads {@code <- e, ee, se}: the payload, or an {@link IllegalArgumentException} if it does not authenticate. */
    byte[] readSecond(byte[] message) {
        expect(true, 1);
        return read(message, localEphemeral::agree, localStatic::agree);
    }

    private byte[] write(byte[] firstSecret, byte[] secondSecret, byte[] payload) {
        SymmetricState next = state.copy();
        next.mixHash(localEphemeral.publicKey());
        next.mixKey(firstSecret);
        next.mixKey(secondSecret);
        byte[] sealed = next.encryptAndHash(payload);
        commit(next);
        return concat(localEphemeral.publicKey(), sealed);
    }

    /** The two secrets are computed from the sender's ephemeral key, in the pattern's order. */
    private byte[] read(byte[] message, UnaryOperator<byte[]> firstSecret, UnaryOperator<byte[]> secondSecret) {
        byte[] ephemeral = ephemeralOf(message);
        SymmetricState next = state.copy();
        try {
            next.mixHash(ephemeral);
            next.mixKey(firstSecret.apply(ephemeral));
            next.mixKey(secondSecret.apply(ephemeral));
            byte[] payload = next.decryptAndHash(Arrays.copyOfRange(message, KEY_BYTES, message.length));
            remoteEphemeral = ephemeral;
            commit(next);
            return payload;
        } catch (IllegalArgumentException e) {
            next.erase();
            throw e;
        }
    }

    /** The transcript hash, identical on both sides once both messages are through. */
    byte[] handshakeHash() {
        return state.h.clone();
    }

    /** The two transport keys, seen from this side; the handshake's secrets are erased. */
    TransportKeys split() {
        if (messages != 2) {
            throw new IllegalStateException("the handshake is not complete");
        }
        byte[] both = state.derive(EMPTY);
        byte[] initiatorToResponder = Arrays.copyOfRange(both, 0, KEY_BYTES);
        byte[] responderToInitiator = Arrays.copyOfRange(both, KEY_BYTES, 2 * KEY_BYTES);
        Arrays.fill(both, (byte) 0);
        erase();
        return initiator ? new TransportKeys(initiatorToResponder, responderToInitiator)
                : new TransportKeys(responderToInitiator, initiatorToResponder);
    }

    /** Zeroes the ephemeral private key and the chaining and cipher keys; the handshake is unusable afterwards. */
    void erase() {
        localEphemeral.erase();
        state.erase();
        messages = -1;
    }

    private void expect(boolean asInitiator, int done) {
        if (initiator != asInitiator || messages != done) {
            throw new IllegalStateException("this handshake step is out of order or the handshake was erased");
        }
    }

    private void commit(SymmetricState next) {
        state.erase();
        state = next;
        messages++;
    }

    private static byte[] ephemeralOf(byte[] message) {
        if (message.length < KEY_BYTES + ChaChaPoly.TAG_BYTES) {
            throw new IllegalArgumentException("does not authenticate: too short for a key and a tag");
        }
        return Arrays.copyOf(message, KEY_BYTES);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    /** Noise's SymmetricState with SHA-256 and ChaCha20-Poly1305 (its CipherState folded in: key and counter). */
    private static final class SymmetricState {

        private byte[] chainingKey;
        private byte[] h;
        private byte[] key;
        private long counter;

        SymmetricState(byte[] protocolName) {
            // A name of exactly 32 bytes is used as it is.
            h = protocolName.length == KEY_BYTES ? protocolName.clone() : sha256(protocolName);
            chainingKey = h.clone();
        }

        private SymmetricState(SymmetricState other) {
            chainingKey = other.chainingKey.clone();
            h = other.h.clone();
            key = other.key == null ? null : other.key.clone();
            counter = other.counter;
        }

        SymmetricState copy() {
            return new SymmetricState(this);
        }

        void mixHash(byte[] data) {
            h = sha256(h, data);
        }

        void mixKey(byte[] inputKeyMaterial) {
            byte[] both = derive(inputKeyMaterial);
            Arrays.fill(inputKeyMaterial, (byte) 0);
            Arrays.fill(chainingKey, (byte) 0);
            if (key != null) {
                Arrays.fill(key, (byte) 0);
            }
            chainingKey = Arrays.copyOfRange(both, 0, KEY_BYTES);
            key = Arrays.copyOfRange(both, KEY_BYTES, 2 * KEY_BYTES);
            counter = 0;
            Arrays.fill(both, (byte) 0);
        }

        byte[] encryptAndHash(byte[] plaintext) {
            byte[] ciphertext = ChaChaPoly.seal(key, ChaChaPoly.counterNonce(counter++), h, plaintext);
            mixHash(ciphertext);
            return ciphertext;
        }

        byte[] decryptAndHash(byte[] ciphertext) {
            byte[] plaintext = ChaChaPoly.open(key, ChaChaPoly.counterNonce(counter++), h, ciphertext);
            mixHash(ciphertext);
            return plaintext;
        }

        /** Noise's HKDF(ck, ikm, 2) is RFC 5869 HKDF with the chaining key as salt and no info: 64 bytes. */
        byte[] derive(byte[] inputKeyMaterial) {
            return Hkdf.derive(inputKeyMaterial, chainingKey, EMPTY, 2 * KEY_BYTES);
        }

        void erase() {
            Arrays.fill(chainingKey, (byte) 0);
            if (key != null) {
                Arrays.fill(key, (byte) 0);
            }
        }

        private static byte[] sha256(byte[]... parts) {
            try {
                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                for (byte[] part : parts) {
                    digest.update(part);
                }
                return digest.digest();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
            }
        }
    }
}
