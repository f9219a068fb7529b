package io.netloom.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.daemon.status.DaemonStatus;
import io.netloom.daemon.status.ServiceStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusViewTest {

    private static final ServiceStatus CONNECTED = new ServiceStatus("wss://203.0.113.1:33080/v2/peer", "connected",
            Instant.parse("2026-12-03T12:00:00Z"), null);

    @Test
    void renderWhenTurnCredentialsHeldThenTheirExpiryAndNoSecret() {
        String text = new StatusView(status(Instant.parse("2026-12-04T12:00:00Z"))).render(false);

        assertThat(text).contains("TURN credentials: valid until 2026-12-04T12:00:00Z\n");
    }

    @Test
    void renderWhenNoTurnCredentialsThenNoSuchLine() {
        assertThat(new StatusView(status(null)).render(false)).doesNotContain("TURN credentials");
    }

    private static DaemonStatus status(Instant turnExpiry) {
        return new DaemonStatus("test", 4242L, CONNECTED, CONNECTED, "peer-1", "key", "100.64.0.1",
                "a.netloom.internal", "wt0", "userspace", 51820, 3L, turnExpiry, List.of(), List.of());
    }
}
