package io.netloom.gateway.protocol;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * End-to-end encryption of signaling between two peers: ChaCha20-Poly1305 under a key derived with
 * HKDF from X25519(own private, other's public) of their WireGuard keys. The gateway relays the
 * result without being able to read or alter it; sender, recipient, kind and sequence number are
 * bound as associated data, so a message cannot be replayed under another header.
 */
public final class SignalCipher {

    private static final byte[] SALT = Hkdf.utf8("netloom signal v1");
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SignalCipher() {
    }

    public record Sealed(String nonce, String ciphertext) {
    }

    public static Sealed seal(X25519Keys own, byte[] otherPublicKey, String associatedData, byte[] plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] ciphertext = run(true, key(own, otherPublicKey), nonce, associatedData, plaintext);
        return new Sealed(Base64.getEncoder().encodeToString(nonce), Base64.getEncoder().encodeToString(ciphertext));
    }

    /** The plaintext, or an exception when the message was not sealed for this pair and header. */
    public static byte[] open(X25519Keys own, byte[] otherPublicKey, String associatedData, Sealed sealed) {
        byte[] nonce = Base64.getDecoder().decode(sealed.nonce());
        if (nonce.length != NONCE_BYTES) {
            throw new IllegalArgumentException("nonce must be 12 bytes");
        }
        return run(false, key(own, otherPublicKey), nonce, associatedData,
                Base64.getDecoder().decode(sealed.ciphertext()));
    }

    /** The header fields a signal message binds to its ciphertext. */
    public static String associatedData(String from, String to, String kind, long sequence) {
        return from + "|" + to + "|" + kind + "|" + sequence;
    }

    /** Both sides derive the same key: the two public keys enter the derivation in sorted order. */
    private static byte[] key(X25519Keys own, byte[] otherPublicKey) {
        byte[] first = own.publicKey();
        byte[] second = otherPublicKey;
        if (Arrays.compareUnsigned(first, second) > 0) {
            first = otherPublicKey;
            second = own.publicKey();
        }
        byte[] info = new byte[first.length + second.length];
        System.arraycopy(first, 0, info, 0, first.length);
        System.arraycopy(second, 0, info, first.length, second.length);
        return Hkdf.derive(own.agree(otherPublicKey), SALT, info, 32);
    }

    private static byte[] run(boolean encrypt, byte[] key, byte[] nonce, String associatedData, byte[] input) {
        ChaCha20Poly1305 cipher = new ChaCha20Poly1305();
        cipher.init(encrypt, new AEADParameters(new KeyParameter(key), TAG_BITS, nonce, Hkdf.utf8(associatedData)));
        byte[] output = new byte[cipher.getOutputSize(input.length)];
        int length = cipher.processBytes(input, 0, input.length, output, 0);
        try {
            length += cipher.doFinal(output, length);
        } catch (InvalidCipherTextException e) {
            throw new IllegalArgumentException("signal message does not authenticate", e);
        }
        return Arrays.copyOf(output, length);
    }
}
