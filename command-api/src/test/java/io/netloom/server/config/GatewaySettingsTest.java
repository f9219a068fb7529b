package io.netloom.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@code netloom.gateway.urls} as a server reads it at start (ADR 0057). */
class GatewaySettingsTest {

    private static NetloomProperties.Gateway bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("netloom", NetloomProperties.class).gateway();
    }

    @Test
    void bindWhenUrlsListedThenInTheirOrder() {
        NetloomProperties.Gateway gateway = bind(Map.of(
                "netloom.gateway.urls[0]", "wss://gw-b.example:33081/v2/peer",
                "netloom.gateway.urls[1]", "wss://gw-a.example:33080/v2/peer"));

        assertThat(gateway.urls()).containsExactly("wss://gw-b.example:33081/v2/peer",
                "wss://gw-a.example:33080/v2/peer");
    }

    @Test
    void bindWhenOwnUrlFirstAndThenEveryPodsThenTheOwnIsListedOnceAndFirst() {
        // As the Helm chart writes it for pod 1 of three (ADR 0061): its own URL, then every pod's.
        NetloomProperties.Gateway gateway = bind(Map.of(
                "netloom.gateway.urls", "wss://pod-1.example:33080/v2/peer,wss://pod-0.example:33080/v2/peer,"
                        + "wss://pod-1.example:33080/v2/peer,wss://pod-2.example:33080/v2/peer"));

        assertThat(gateway.urls()).containsExactly("wss://pod-1.example:33080/v2/peer",
                "wss://pod-0.example:33080/v2/peer", "wss://pod-2.example:33080/v2/peer");
    }

    @Test
    void bindWhenNothingSetThenNoListAndTheOwnUrlIsUsed() {
        assertThat(bind(Map.of()).urls()).isEmpty();
    }

    @Test
    void bindWhenAUrlIsNoWebSocketUrlThenStartRefusedNamingIt() {
        assertThatThrownBy(() -> bind(Map.of("netloom.gateway.urls[0]", "https://gw-a.example:33080/v2/peer")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("https://gw-a.example:33080/v2/peer is not a ws:// or wss:// URL");
    }
}
