package io.netloom.server.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@code netloom.identity.device-poll-interval} as a server reads it at start. */
class DevicePollIntervalSettingTest {

    private static IdentityProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("netloom.identity", IdentityProperties.class);
    }

    @Test
    void bindWhenNotSetThenRfc8628sDefaultOfFiveSeconds() {
        assertThat(bind(Map.of()).devicePollInterval()).isEqualTo(Duration.ofSeconds(5));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1s", "60s", "1m"})
    void bindWhenWholeSecondsFromOneToSixtyThenTaken(String interval) {
        assertThat(bind(Map.of("netloom.identity.device-poll-interval", interval)).devicePollInterval())
                .isEqualTo(Duration.parse("PT" + interval.toUpperCase()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0s", "500ms", "1500ms", "61s", "-5s"})
    void bindWhenUnderASecondOverAMinuteOrNotWholeSecondsThenStartRefusedNamingTheSetting(String interval) {
        assertThatThrownBy(() -> bind(Map.of("netloom.identity.device-poll-interval", interval)))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessage("netloom.identity.device-poll-interval must be whole seconds from 1 s to 60 s");
    }
}
