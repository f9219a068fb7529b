package io.netloom.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

/** The management port listens where the API does, unless told otherwise (ADR 0050). */
class ManagementAddressTest {

    @Test
    void managementAddressWhenTheApiIsBoundToAnAddressThenTheSame() {
        MockEnvironment environment = new MockEnvironment().withProperty("server.address", "203.0.113.1");

        new ManagementAddress().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("management.server.address")).isEqualTo("203.0.113.1");
    }

    @Test
    void managementAddressWhenSetThenKept() {
        MockEnvironment environment = new MockEnvironment().withProperty("server.address", "203.0.113.1")
                .withProperty("management.server.address", "127.0.0.1");

        new ManagementAddress().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("management.server.address")).isEqualTo("127.0.0.1");
    }

    @Test
    void managementAddressWhenTheApiListensEverywhereThenUnsetSoEverywhereToo() {
        MockEnvironment environment = new MockEnvironment();

        new ManagementAddress().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.containsProperty("management.server.address")).isFalse();
    }
}
