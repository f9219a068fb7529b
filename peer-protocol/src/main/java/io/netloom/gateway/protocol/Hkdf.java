package io.netloom.gateway.protocol;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/** HKDF-SHA256 (RFC 5869): turns an X25519 shared secret into a key for one purpose. */
final class Hkdf {

    private Hkdf() {
    }

    static byte[] derive(byte[] secret, byte[] salt, byte[] info, int length) {
        HKDFBytesGenerator generator = new HKDFBytesGenerator(new SHA256Digest());
        generator.init(new HKDFParameters(secret, salt, info));
        byte[] key = new byte[length];
        generator.generateBytes(key, 0, length);
        return key;
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
