package io.netloom.domain.peer;

import static io.netloom.domain.Rejections.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class WireguardPublicKeyTest {

    private static final String MESSAGE = "WireGuard public key must be 32 bytes in standard base64";

    @Test
    void newWhenThirtyTwoBytesThenAccepted() {
        String key = "xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=";
        assertThat(new WireguardPublicKey(key).base64()).isEqualTo(key);
    }

    @Test
    void newWhenThirtyOneOrThirtyThreeBytesThenRejected() {
        assertInvalid(() -> new WireguardPublicKey(Base64.getEncoder().encodeToString(new byte[31])), MESSAGE);
        assertInvalid(() -> new WireguardPublicKey(Base64.getEncoder().encodeToString(new byte[33])), MESSAGE);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "not base64 at all",
        "xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg",
        "xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dh=",
        "xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg= ",
        "xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg-",
        "xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp_Dg="})
    void newWhenNotCanonicalStandardBase64ThenRejected(String key) {
        assertInvalid(() -> new WireguardPublicKey(key), MESSAGE);
    }
}
