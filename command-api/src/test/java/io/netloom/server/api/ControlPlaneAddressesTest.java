package io.netloom.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.route.RoutePrefix;
import io.netloom.server.config.NetloomProperties;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class ControlPlaneAddressesTest {

    private static ControlPlaneAddresses with(Map<String, String> settings) {
        NetloomProperties properties = new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("netloom", NetloomProperties.class);
        return new ControlPlaneAddresses(properties);
    }

    private static final ControlPlaneAddresses LAB = with(Map.of(
            "netloom.public-url", "https://203.0.113.10:8080",
            "netloom.gateway.url", "wss://203.0.113.11:33080",
            "netloom.stun-uris[0]", "stun:203.0.113.20:3478",
            "netloom.turn-uris[0]", "turn:198.51.100.30:3478?transport=udp"));

    @Test
    void currentWhenUrlsAndIceUrisConfiguredThenTheirHosts() {
        assertThat(LAB.current())
                .containsExactly("198.51.100.30", "203.0.113.10", "203.0.113.11", "203.0.113.20");
    }

    @Test
    void requireOutsideWhenPrefixCoversTheServerThenUnprocessableNamingIt() {
        assertThatThrownBy(() -> LAB.requireOutside(new RoutePrefix("203.0.113.0/24"), "network"))
                .isInstanceOf(CommandRejectedException.class)
                .hasMessage("network 203.0.113.0/24 covers 203.0.113.10, an address devices reach the Netloom "
                        + "server, STUN or TURN at");
        assertThatThrownBy(() -> LAB.requireOutside(new RoutePrefix("198.51.100.30/32"), "address"))
                .hasMessageContaining("covers 198.51.100.30");
    }

    @Test
    void requireOutsideWhenPrefixElsewhereOrExitNodeThenAccepted() {
        assertThatCode(() -> LAB.requireOutside(new RoutePrefix("198.18.1.0/24"), "network"))
                .doesNotThrowAnyException();
        assertThatCode(() -> LAB.requireOutside(new RoutePrefix("0.0.0.0/0"), "network"))
                .doesNotThrowAnyException();
    }

    @Test
    void currentWhenSeveralGatewayUrlsThenEachHost() {
        ControlPlaneAddresses cluster = with(Map.of(
                "netloom.gateway.urls[0]", "wss://203.0.113.11:33080/v2/peer",
                "netloom.gateway.urls[1]", "wss://203.0.113.12:33081/v2/peer"));

        assertThat(cluster.current()).containsExactly("203.0.113.11", "203.0.113.12");
    }

    @Test
    void currentWhenNothingConfiguredThenNoAddressIsGuessed() {
        assertThat(with(Map.of()).current()).isEmpty();
    }
}
