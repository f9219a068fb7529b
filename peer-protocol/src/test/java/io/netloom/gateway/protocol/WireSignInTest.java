package io.netloom.gateway.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sign_in message's map fields (docs/protocol.md §1): the serial held and the model it counts in. */
class WireSignInTest {

    @Test
    void signInWhenMapOfAModelHeldThenSerialAndModel() throws Exception {
        JsonNode message = Wire.read(Wire.signIn("key", new byte[] {1}, 7, "model-a", "1.0", List.of()));

        assertThat(message.get("serial").asLong()).isEqualTo(7);
        assertThat(message.get("model").asText()).isEqualTo("model-a");
    }

    @Test
    void signInWhenNoMapHeldThenNeitherSerialNorModel() throws Exception {
        JsonNode message = Wire.read(Wire.signIn("key", new byte[] {1}, -1, "model-a", "1.0", null));

        assertThat(message.has("serial")).isFalse();
        assertThat(message.has("model")).isFalse();
    }

    @Test
    void signInWhenHeldMapNamedNoModelThenSerialOnly() throws Exception {
        JsonNode message = Wire.read(Wire.signIn("key", new byte[] {1}, 7, "1.0", null));

        assertThat(message.get("serial").asLong()).isEqualTo(7);
        assertThat(message.has("model")).isFalse();
    }
}
