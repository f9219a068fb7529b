package io.netloom.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.daemon.status.DaemonStatus;
import io.netloom.daemon.status.PeerStatus;
import io.netloom.daemon.status.RelayFallback;
import io.netloom.daemon.status.ServiceStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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

    @Test
    void renderDetailWhenPeerRelayedThroughOwnAllocationThenRelayTransportAndServer() {
        DaemonStatus status = new DaemonStatus("test", 4242L, CONNECTED, CONNECTED, "peer-1", "key", "100.64.0.1",
                "a.netloom.internal", "wt0", "userspace", 51820, 3L, null,
                List.of(peer("b", "tls", "203.0.113.1:5349"), peer("c", null, null)), List.of());

        String text = new StatusView(status).render(true);

        assertThat(text).contains(" b.netloom.internal:\n").contains("Relay: tls to 203.0.113.1:5349");
        assertThat(text.substring(text.indexOf(" c.netloom.internal:"))).doesNotContain("Relay:");
    }

    @Test
    void renderDetailWhenEarlierRelaysWerePassedOverThenWhyAndHowLongAgo() {
        Instant now = Instant.parse("2026-12-05T12:00:40Z");
        Instant gathered = Instant.parse("2026-12-05T12:00:00Z");
        PeerStatus relayed = peer("b", "tls", "203.0.113.1:5349", List.of(
                new RelayFallback("udp", "203.0.113.1:3478", true, "no response", gathered.minusSeconds(60)),
                new RelayFallback("tcp", "203.0.113.1:3478", false, "connect timed out", gathered),
                new RelayFallback("udp", "203.0.113.2:3478", false, "port unreachable", gathered)));
        DaemonStatus status = new DaemonStatus("test", 4242L, CONNECTED, CONNECTED, "peer-1", "key", "100.64.0.1",
                "a.netloom.internal", "wt0", "userspace", 51820, 3L, null, List.of(relayed), List.of());

        String text = new StatusView(status, Optional.empty(), now).render(true);

        assertThat(text).contains("Relay: tls to 203.0.113.1:5349 (udp skipped: no response 100 s ago; "
                + "tcp: connect timed out 40 s ago; udp to 203.0.113.2:3478: port unreachable 40 s ago)\n");
    }

    private static PeerStatus peer(String name, String relayTransport, String relayServer) {
        return peer(name, relayTransport, relayServer, List.of());
    }

    private static PeerStatus peer(String name, String relayTransport, String relayServer,
            List<RelayFallback> fallback) {
        return new PeerStatus(name, name + ".netloom.internal", "100.64.0.2", "key-" + name, true, "connected",
                "RELAYED", relayTransport == null ? "srflx" : "relay", "203.0.113.1:49152", "srflx",
                "203.0.113.11:40000", "PROXY", relayTransport, relayServer, fallback, 1.5, null, 0, 0, null,
                Instant.parse("2026-12-03T12:00:00Z"));
    }

    private static DaemonStatus status(Instant turnExpiry) {
        return new DaemonStatus("test", 4242L, CONNECTED, CONNECTED, "peer-1", "key", "100.64.0.1",
                "a.netloom.internal", "wt0", "userspace", 51820, 3L, turnExpiry, List.of(), List.of());
    }
}
