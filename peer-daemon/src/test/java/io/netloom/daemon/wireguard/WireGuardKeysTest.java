package io.netloom.daemon.wireguard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netloom.gateway.protocol.X25519Keys;
import org.junit.jupiter.api.Test;

class WireGuardKeysTest {

    @Test
    void base64ToHexWhenConvertedBackThenSameKey() {
        String publicKey = X25519Keys.generate().publicKeyBase64();

        String hex = WireGuardKeys.base64ToHex(publicKey);

        assertThat(hex).hasSize(64).matches("[0-9a-f]+");
        assertThat(WireGuardKeys.hexToBase64(hex)).isEqualTo(publicKey);
    }

    @Test
    void base64ToHexWhenNotAKeyThenRejected() {
        assertThatThrownBy(() -> WireGuardKeys.base64ToHex("AQID"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("public key \"AQID\" is not a WireGuard key (32 bytes of base64)");
        assertThatThrownBy(() -> WireGuardKeys.base64ToHex("not base64!\nprivate_key=00"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("public key \"not base64!\\u000aprivate_key=00\" is not base64");
    }

    @Test
    void hexToBase64WhenUppercaseOrShortThenRejected() {
        assertThatThrownBy(() -> WireGuardKeys.hexToBase64("ab".repeat(31)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WireGuardKeys.hexToBase64("zz".repeat(32)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
