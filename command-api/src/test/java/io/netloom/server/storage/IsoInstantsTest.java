package io.netloom.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import io.netloom.server.axon.AxonConfiguration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IsoInstantsTest {

    private final ObjectMapper plain = new AxonConfiguration().defaultAxonObjectMapper();
    private final ObjectMapper fast = new AxonConfiguration().defaultAxonObjectMapper()
            .registerModule(IsoInstants.module());

    @Test
    void readsEveryInstantAsJacksonWroteItTheSame() throws Exception {
        Random random = new Random(18);
        for (int i = 0; i < 20_000; i++) {
            long second = random.nextLong(Instant.parse("0000-01-01T00:00:00Z").getEpochSecond(),
                    Instant.parse("9999-12-31T23:59:59Z").getEpochSecond());
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(second, nanos);
            String written = fast.writeValueAsString(instant);

            assertThat(fast.readValue(written, Instant.class)).isEqualTo(instant)
                    .isEqualTo(plain.readValue(written, Instant.class));
            assertThat(IsoInstants.parse(instant.toString())).isEqualTo(instant);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-08-27T12:00:00.1Z", "2026-08-27T12:00:00.12Z", "2026-08-27T12:00:00.1234Z",
        "2026-08-27T12:00:00.12345678Z", "2024-02-29T23:59:59.999999999Z", "1970-01-01T00:00:00Z"})
    void readsFractionsOfAnyLengthAsTheIsoFormatterDoes(String text) {
        assertThat(IsoInstants.parse(text)).isEqualTo(Instant.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"2026-08-27T14:00:00+02:00\"", "\"2026-08-27t12:00:00z\"", "\"+12026-08-27T12:00:00Z\"",
        "\"2016-12-31T23:59:60Z\"", "1789400000", "1789400000.5", "\" 2026-08-27T12:00:00Z \""})
    void leavesOtherFormsToJacksonsOwnDeserializer(String json) {
        assertThat(outcome(fast, json)).isEqualTo(outcome(plain, json));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-29T12:00:00Z", "2026-13-01T12:00:00Z", "2026-08-27T24:00:00Z",
        "2026-08-27T12:60:00Z", "2026-08-27T12:00:00.Z", "2026-08-27T12:00:00.1234567890Z", "2026-08-2xT12:00:00Z",
        "2026-08-27 12:00:00Z"})
    void leavesWhatItDoesNotReadToJacksonWhoDecides(String text) {
        assertThat(IsoInstants.parse(text)).isNull();
        assertThat(outcome(fast, "\"" + text + "\"")).isEqualTo(outcome(plain, "\"" + text + "\""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-29T12:00:00Z", "2026-13-01T12:00:00Z", "2026-08-27T12:60:00Z"})
    void takesNoDateThatDoesNotExist(String text) {
        assertThat(outcome(fast, "\"" + text + "\"")).isEqualTo(InvalidFormatException.class);
    }

    /** The instant read, or the kind of failure. */
    private static Object outcome(ObjectMapper mapper, String json) {
        try {
            return mapper.readValue(json, Instant.class);
        } catch (Exception e) {
            return e.getClass();
        }
    }

    @Test
    void readsInstantsInsideRecordsToo() throws Exception {
        record Stamped(String name, Instant at) {
        }
        Stamped stamped = new Stamped("peer", Instant.parse("2026-08-27T12:00:00.004Z"));

        assertThat(fast.readValue(fast.writeValueAsString(stamped), Stamped.class)).isEqualTo(stamped);
    }
}
