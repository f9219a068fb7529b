package io.netloom.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SessionIdsTest {

    @Test
    void nodeOfWhenTheIdNamesItsGatewayThenThatNodeElseNone() {
        String id = SessionIds.newId("5f0c1d2e-node");

        assertThat(SessionIds.nodeOf(id)).contains("5f0c1d2e-node");
        assertThat(SessionIds.newId("5f0c1d2e-node")).isNotEqualTo(id);
        assertThat(SessionIds.nodeOf("3b9e8f3c-4a55-4c1e-9f0e-2a1f6d7c8b90")).as("recorded before nodes").isEmpty();
        assertThat(SessionIds.nodeOf(":no-node")).isEmpty();
        assertThat(SessionIds.nodeOf(null)).isEmpty();
    }
}
