package io.netloom.gateway.protocol;

import java.util.Arrays;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/** AEAD_CHACHA20_POLY1305 (RFC 8439 §2.8), the one cipher of signaling, with Noise's nonce encoding. */
final class ChaChaPoly {

    static final int KEY_BYTES = 32;
    static final int NONCE_BYTES = 12;
    static final int TAG_BYTES = 16;

    private ChaChaPoly() {
    }

    /** The ciphertext followed by the 16-byte tag. */
    static byte[] seal(byte[] key, byte[] nonce, byte[] associatedData, byte[] plaintext) {
        return run(true, key, nonce, associatedData, plaintext);
    }

    /** The plaintext; an {@link IllegalArgumentException} when key, nonce, associated data or ciphertext differ. */
    static byte[] open(byte[] key, byte[] nonce, byte[] associatedData, byte[] ciphertext) {
        if (ciphertext.length < TAG_BYTES) {
            throw new IllegalArgumentException("does not authenticate: shorter than a tag");
        }
        return run(false, key, nonce, associatedData, ciphertext);
    }

    /** Noise's nonce for counter {@code n}: 32 zero bits, then {@code n} as 64 bits little-endian. */
    static byte[] counterNonce(long n) {
        byte[] nonce = new byte[NONCE_BYTES];
        for (int i = 0; i < 8; i++) {
            nonce[4 + i] = (byte) (n >>> (8 * i));
        }
        return nonce;
    }

    private static byte[] run(boolean encrypt, byte[] key, byte[] nonce, byte[] associatedData, byte[] input) {
        if (key.length != KEY_BYTES || nonce.length != NONCE_BYTES) {
            throw new IllegalArgumentException("ChaCha20-Poly1305 takes a 32-byte key and a 12-byte nonce");
        }
        ChaCha20Poly1305 cipher = new ChaCha20Poly1305();
        cipher.init(encrypt, new AEADParameters(new KeyParameter(key), TAG_BYTES * 8, nonce, associatedData));
        byte[] output = new byte[cipher.getOutputSize(input.length)];
        int length = cipher.processBytes(input, 0, input.length, output, 0);
        try {
            length += cipher.doFinal(output, length);
        } catch (InvalidCipherTextException e) {
            throw new IllegalArgumentException("does not authenticate", e);
        }
        return length == output.length ? output : Arrays.copyOf(output, length);
    }
}
