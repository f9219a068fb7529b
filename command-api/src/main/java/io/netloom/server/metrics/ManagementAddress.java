package io.netloom.server.metrics;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The management port listens where the API does: {@code server.address} unless {@code management.server.address}
 * says otherwise. Boot's own default is every interface, which would open the probes and the scrape on addresses an
 * operator bound the API away from. A placeholder in application.yml cannot say this: an empty address binds
 * to loopback.
 */
public class ManagementAddress implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String api = environment.getProperty("server.address");
        if (api != null && !api.isBlank() && !environment.containsProperty("management.server.address")) {
            environment.getPropertySources().addLast(new MapPropertySource("netloomManagementAddress",
                    Map.of("management.server.address", api)));
        }
    }

    /** After the configuration files are read. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
