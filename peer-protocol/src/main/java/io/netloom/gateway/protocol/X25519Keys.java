package io.netloom.gateway.protocol;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.math.ec.rfc7748.X25519;

/** X25519 key pairs and agreement: the same curve and encoding as WireGuard keys (32 bytes, standard base64). */
public record X25519Keys(byte[] privateKey, byte[] publicKey) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public static X25519Keys generate() {
        byte[] privateKey = new byte[X25519.SCALAR_SIZE];
        X25519.generatePrivateKey(RANDOM, privateKey);
        X25519Keys keys = fromPrivate(privateKey);
        Arrays.fill(privateKey, (byte) 0);
        return keys;
    }

    public static X25519Keys fromPrivate(byte[] privateKey) {
        byte[] publicKey = new byte[X25519.POINT_SIZE];
        X25519.generatePublicKey(privateKey, 0, publicKey, 0);
        return new X25519Keys(privateKey.clone(), publicKey);
    }

    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(publicKey);
    }

    /** The shared secret with the holder of {@code otherPublicKey}. */
    public byte[] agree(byte[] otherPublicKey) {
        if (otherPublicKey.length != X25519.POINT_SIZE) {
            throw new IllegalArgumentException("an X25519 public key has 32 bytes");
        }
        byte[] shared = new byte[X25519.POINT_SIZE];
        if (!X25519.calculateAgreement(privateKey, 0, otherPublicKey, 0, shared, 0)) {
            throw new IllegalArgumentException("the public key is a low-order point");
        }
        return shared;
    }

    /**
     * Overwrites the private key with zeros: for ephemeral keys, once their agreements are done. Best effort, as
     * anything in a JVM: a copy the garbage collector made while moving the array is out of reach.
     */
    public void erase() {
        Arrays.fill(privateKey, (byte) 0);
    }

    /** Decodes a base64 public key, refusing anything that is not exactly 32 bytes. */
    public static byte[] decodePublicKey(String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("public key is not base64");
        }
        if (key.length != X25519.POINT_SIZE) {
            throw new IllegalArgumentException("public key must be 32 bytes");
        }
        return key;
    }

    @Override
    public String toString() {
        return "X25519Keys[public=" + publicKeyBase64() + "]";
    }
}
