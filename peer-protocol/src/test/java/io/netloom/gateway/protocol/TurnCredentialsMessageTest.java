package io.netloom.gateway.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netloom.enrollment.PeerConfiguration;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TurnCredentialsMessageTest {

    private static final Instant EXPIRY = Instant.parse("2026-12-04T10:00:00Z");
    private static final TurnCredentialsMessage.Grant GRANT = new TurnCredentialsMessage.Grant(List.of(
            new PeerConfiguration.TurnServer("turn:203.0.113.1:3478?transport=udp", "1796378400:peer-1", "c2VjcmV0", EXPIRY)),
            Duration.ofSeconds(30));

    @Test
    void decodeWhenEncodedThenSameGrant() throws Exception {
        String text = TurnCredentialsMessage.encode(GRANT);

        TurnCredentialsMessage.Grant decoded = TurnCredentialsMessage.decode(Wire.read(text));

        assertThat(decoded).isEqualTo(GRANT);
        assertThat(decoded.expiresAt()).isEqualTo(EXPIRY);
        assertThat(text).startsWith("{\"type\":\"turn_credentials\",\"valid_for_seconds\":30,\"turn\":[");
    }

    @Test
    void toStringWhenPrintedThenNoPassword() {
        assertThat(GRANT.toString()).doesNotContain("c2VjcmV0").contains("1796378400:peer-1");
    }

    @Test
    void decodeWhenMalformedThenRefusedWithTheReason() {
        String server = "{\"uri\":\"turn:h\",\"username\":\"u\",\"password\":\"p\",\"expires_at\":\"2026-12-04T10:00:00Z\"}";
        assertRefused("{\"type\":\"turn_credentials\",\"valid_for_seconds\":30}", "turn must list");
        assertRefused("{\"type\":\"turn_credentials\",\"valid_for_seconds\":30,\"turn\":[]}", "turn must list");
        assertRefused("{\"type\":\"turn_credentials\",\"turn\":[" + server + "]}", "valid_for_seconds");
        assertRefused("{\"type\":\"turn_credentials\",\"valid_for_seconds\":0,\"turn\":[" + server + "]}", "valid_for_seconds");
        assertRefused("{\"type\":\"turn_credentials\",\"valid_for_seconds\":\"30\",\"turn\":[" + server + "]}",
                "valid_for_seconds");
        assertRefused("{\"type\":\"turn_credentials\",\"valid_for_seconds\":30,\"turn\":[" + server.replace("\"p\"", "5")
                + "]}", "password");
        assertRefused("{\"type\":\"turn_credentials\",\"valid_for_seconds\":30,\"turn\":[" + server.replace("\"u\"", "\"\"")
                + "]}", "username");
        assertRefused("{\"type\":\"turn_credentials\",\"valid_for_seconds\":30,\"turn\":[" + server.replace("2026-12-04T", "tomorrow ")
                + "]}", "expires_at");
        assertRefused("{\"type\":\"turn_credentials\",\"valid_for_seconds\":30,\"turn\":[" + server.replace("\"turn:h\"",
                "\"" + "h".repeat(600) + "\"") + "]}", "uri");
        assertRefused("{\"type\":\"turn_credentials\",\"valid_for_seconds\":30,\"turn\":[" + server + ","
                + server.replace("10:00", "11:00") + "]}", "same time");
        assertRefused("{\"type\":\"turn_credentials\",\"valid_for_seconds\":30,\"turn\":["
                + (server + ",").repeat(8) + server + "]}", "turn must list");
    }

    private static void assertRefused(String text, String reason) {
        assertThatThrownBy(() -> TurnCredentialsMessage.decode(Wire.read(text)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(reason);
    }
}
