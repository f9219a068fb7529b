package io.netloom.server.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.server.NetloomServer;
import io.netloom.server.gateway.GatewayServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Servers as an operator starts them, on a data directory of the test's own, with any free ports. */
final class TlsTestServers {

    private TlsTestServers() {
    }

    static ConfigurableApplicationContext start(Path dataDir, String... properties) {
        List<String> all = new ArrayList<>(List.of("netloom.data-dir=" + dataDir, "server.port=0",
                "netloom.gateway.port=0", "netloom.gateway.host=127.0.0.1"));
        all.addAll(List.of(properties));
        return new SpringApplicationBuilder(NetloomServer.class).properties(all.toArray(String[]::new)).run();
    }

    static int apiPort(ConfigurableApplicationContext server) {
        Integer port = server.getEnvironment().getProperty("local.server.port", Integer.class);
        assertThat(port).as("the API's port").isNotNull().isPositive();
        return port;
    }

    static int gatewayPort(ConfigurableApplicationContext server) {
        return server.getBean(GatewayServer.class).boundPort();
    }
}
