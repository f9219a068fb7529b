package io.netloom.gateway.protocol;

import static io.netloom.gateway.protocol.Hex.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** HKDF-SHA256 as {@link Hkdf} computes it, against the SHA-256 test cases of RFC 5869 (Appendix A.1 to A.3). */
class HkdfKnownAnswerTest {

    @Test
    void deriveWhenRfc5869TestCase1ThenPublishedOutput() {
        assertThat(Hkdf.derive(bytes("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b"), bytes("000102030405060708090a0b0c"),
                bytes("f0f1f2f3f4f5f6f7f8f9"), 42))
                .isEqualTo(bytes("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"));
    }

    @Test
    void deriveWhenRfc5869TestCase2LongInputsThenPublishedOutput() {
        byte[] ikm = bytes("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
                + "202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f");
        byte[] salt = bytes("606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f"
                + "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeaf");
        byte[] info = bytes("b0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecf"
                + "d0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfeff");

        assertThat(Hkdf.derive(ikm, salt, info, 82)).isEqualTo(bytes(
                "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c"
                        + "59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71"
                        + "cc30c58179ec3e87c14c01d5c1f3434f1d87"));
    }

    @Test
    void deriveWhenRfc5869TestCase3WithoutSaltAndInfoThenPublishedOutput() {
        byte[] ikm = bytes("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");
        byte[] expected = bytes("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8");

        assertThat(Hkdf.derive(ikm, new byte[0], new byte[0], 42)).isEqualTo(expected);
        // The gateway proof passes "no salt" as null.
        assertThat(Hkdf.derive(ikm, null, new byte[0], 42)).isEqualTo(expected);
    }
}
