package io.netloom.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.server.NetloomServer;
import io.netloom.server.startup.EarlyStartInitializer;
import io.netloom.server.database.EmbeddedDatabase;
import io.netloom.server.gateway.GatewayServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Servers as an operator starts them, on a data directory of the test's own, with any free ports (API, management
 * and gateway) and TLS by default. Properties go in as command-line arguments: builder properties rank below
 * application.yml, whose {@code server.port} is 8080 and {@code management.server.port} 8081.
 */
public final class StandaloneServers {

    private StandaloneServers() {
    }

    /** Starts a server; {@code properties} are {@code name=value} pairs that override the defaults. */
    public static ConfigurableApplicationContext start(Path dataDir, String... properties) {
        List<String> arguments = new ArrayList<>(List.of("--netloom.data-dir=" + dataDir));
        // A name given twice on the command line reads as both values joined by a comma: give each one once.
        for (String fallback : List.of("server.port=0", "management.server.port=0", "netloom.gateway.port=0",
                "netloom.gateway.host=127.0.0.1")) {
            String name = fallback.substring(0, fallback.indexOf('=') + 1);
            if (Arrays.stream(properties).noneMatch(property -> property.startsWith(name))) {
                arguments.add("--" + fallback);
            }
        }
        for (String property : properties) {
            arguments.add("--" + property);
        }
        // As main starts it: the database and the read-model snapshot before Spring's beans (ADR 0064).
        return new SpringApplicationBuilder(NetloomServer.class).listeners(LoggingSetUpInTurns.listeners())
                .initializers(new EarlyStartInitializer())
                .run(arguments.toArray(String[]::new));
    }

    /** Starts a server that speaks plain HTTP, for tests of behaviour rather than of transport. */
    public static ConfigurableApplicationContext startInsecure(Path dataDir, String... properties) {
        List<String> all = new ArrayList<>(List.of(properties));
        all.add("netloom.insecure-http=true");
        return start(dataDir, all.toArray(String[]::new));
    }

    /** {@code properties} and the settings of {@code database}'s owner: servers that share one store. */
    public static String[] on(EmbeddedDatabase database, String... properties) {
        List<String> all = new ArrayList<>(List.of("spring.datasource.url=" + database.jdbcUrl(),
                "spring.datasource.username=" + EmbeddedDatabase.OWNER,
                "spring.datasource.password=" + database.ownerPassword()));
        all.addAll(List.of(properties));
        return all.toArray(String[]::new);
    }

    public static int apiPort(ConfigurableApplicationContext server) {
        Integer port = server.getEnvironment().getProperty("local.server.port", Integer.class);
        assertThat(port).as("the API's port").isNotNull().isPositive();
        return port;
    }

    public static int gatewayPort(ConfigurableApplicationContext server) {
        return server.getBean(GatewayServer.class).boundPort();
    }
}
