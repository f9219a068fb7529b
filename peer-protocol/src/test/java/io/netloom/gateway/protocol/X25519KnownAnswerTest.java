package io.netloom.gateway.protocol;

import static io.netloom.gateway.protocol.Hex.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** X25519 as {@link X25519Keys} computes it, against the test vectors of RFC 7748. */
class X25519KnownAnswerTest {

    @Test
    void agreeWhenRfc7748Section52VectorsThenPublishedOutputs() {
        assertThat(X25519Keys.fromPrivate(bytes("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4"))
                .agree(bytes("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c")))
                .isEqualTo(bytes("c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552"));
        // The u-coordinate has its top bit set: X25519 must mask it, not reject it.
        assertThat(X25519Keys.fromPrivate(bytes("4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d"))
                .agree(bytes("e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493")))
                .isEqualTo(bytes("95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957"));
    }

    @Test
    void agreeWhenIteratedAsRfc7748Section52ThenPublishedResultsAfterOneAndOneThousandIterations() {
        byte[] k = bytes("0900000000000000000000000000000000000000000000000000000000000000");
        byte[] u = k.clone();
        for (int iteration = 1; iteration <= 1000; iteration++) {
            byte[] next = X25519Keys.fromPrivate(k).agree(u);
            u = k;
            k = next;
            if (iteration == 1) {
                assertThat(k).isEqualTo(bytes("422c8e7a6227d7bca1350b3e2bb7279f7897b87bb6854b783c60e80311ae3079"));
            }
        }
        assertThat(k).isEqualTo(bytes("684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51"));
    }

    @Test
    void fromPrivateAndAgreeWhenRfc7748Section61KeysThenPublishedPublicKeysAndSharedSecret() {
        X25519Keys alice = X25519Keys.fromPrivate(bytes("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"));
        X25519Keys bob = X25519Keys.fromPrivate(bytes("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb"));
        byte[] shared = bytes("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");

        assertThat(alice.publicKey()).isEqualTo(bytes("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"));
        assertThat(bob.publicKey()).isEqualTo(bytes("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f"));
        assertThat(alice.agree(bob.publicKey())).isEqualTo(shared);
        assertThat(bob.agree(alice.publicKey())).isEqualTo(shared);
    }

    @Test
    void agreeWhenLowOrderPointThenRefused() {
        assertThatThrownBy(() -> X25519Keys.generate().agree(new byte[32]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("low-order");
    }

    @Test
    void eraseWhenCalledThenPrivateKeyIsZeros() {
        X25519Keys keys = X25519Keys.generate();

        keys.erase();

        assertThat(keys.privateKey()).containsOnly(0);
    }
}
