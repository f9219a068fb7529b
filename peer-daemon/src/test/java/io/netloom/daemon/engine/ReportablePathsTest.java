package io.netloom.daemon.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.daemon.ice.ConnectionStatus;
import io.netloom.daemon.ice.ConnectionType;
import io.netloom.daemon.ice.DataPath;
import io.netloom.gateway.protocol.PathReport;
import io.netloom.gateway.protocol.PathReport.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** From the connections' snapshots, as {@code netloom status} shows them, to the paths the server is told of. */
class ReportablePathsTest {

    private static final Instant SINCE = Instant.parse("2026-12-04T10:00:00Z");
    private final List<String> skipped = new ArrayList<>();

    @Test
    void ofWhenConnectedThenOnePathPerPeerInIdOrderWithTheOwnRelayTransportAndLatency() {
        Map<String, ConnectionStatus> statuses = new HashMap<>();
        statuses.put("peer-c", connected(ConnectionType.P2P, "host", "198.18.0.3:51820", "host", "198.18.0.4:51820",
                Duration.ofNanos(1_250_000), null));
        statuses.put("peer-b", connected(ConnectionType.RELAYED, "relay", "203.0.113.1:49152", "srflx",
                "203.0.113.7:51820", null, "tls"));
        statuses.put("peer-d", connected(ConnectionType.RELAYED, "srflx", "203.0.113.9:40000", "relay",
                "203.0.113.1:49999", Duration.ofMillis(30), "udp"));

        assertThat(ReportablePaths.of(statuses, this::skip)).containsExactly(
                new Path("peer-b", PathReport.ConnectionType.RELAYED, "relay", "srflx", "203.0.113.7:51820",
                        PathReport.RelayTransport.TLS, null),
                new Path("peer-c", PathReport.ConnectionType.P2P, "host", "host", "198.18.0.4:51820", null, 1.3),
                new Path("peer-d", PathReport.ConnectionType.RELAYED, "srflx", "relay", "203.0.113.1:49999", null,
                        30.0));
        assertThat(skipped).isEmpty();
    }

    @Test
    void ofWhenNotConnectedThenNoPath() {
        Map<String, ConnectionStatus> statuses = Map.of(
                "connecting", new ConnectionStatus("connecting", null, null, null, null, null, null, null, SINCE),
                "failed", new ConnectionStatus("failed", null, null, null, null, null, null, "no pair", SINCE),
                "idle", new ConnectionStatus("idle", null, null, null, null, null, null, null, SINCE));

        assertThat(ReportablePaths.of(statuses, this::skip)).isEmpty();
        assertThat(skipped).isEmpty();
    }

    @Test
    void ofWhenMoreConnectedPeersThanAReportHoldsThenTheFirstByIdAndTheRestNamedAsSkipped() {
        Map<String, ConnectionStatus> statuses = new HashMap<>();
        for (int i = 0; i < PathReport.MAX_PATHS + 2; i++) {
            statuses.put(String.format("peer-%04d", i), connected(ConnectionType.P2P, "host", "198.18.0.3:51820",
                    "host", "198.18.1.1:51820", null, null));
        }

        List<Path> paths = ReportablePaths.of(statuses, this::skip);

        assertThat(paths).hasSize(PathReport.MAX_PATHS);
        assertThat(paths.get(paths.size() - 1).peerId()).isEqualTo(String.format("peer-%04d", PathReport.MAX_PATHS - 1));
        assertThat(skipped).containsExactly("peer-0200: more than 200 connected peers",
                "peer-0201: more than 200 connected peers");
    }

    @Test
    void ofWhenASnapshotCannotBeCarriedThenLeftOutWithTheReason() {
        Map<String, ConnectionStatus> statuses = Map.of("peer-b", connected(ConnectionType.P2P, "host",
                "198.18.0.3:51820", "host", "[2001:db8::1]:51820", null, null));

        assertThat(ReportablePaths.of(statuses, this::skip)).isEmpty();
        assertThat(skipped).singleElement().asString().startsWith("peer-b: remote_endpoint");
    }

    private void skip(String peer, String reason) {
        skipped.add(peer + ": " + reason);
    }

    private static ConnectionStatus connected(ConnectionType type, String localType, String localEndpoint,
            String remoteType, String remoteEndpoint, Duration latency, String relayTransport) {
        return new ConnectionStatus("connected", type, localType, localEndpoint, remoteType, remoteEndpoint, latency,
                null, SINCE, null, DataPath.PROXY, SINCE, relayTransport, relayTransport == null ? null : "203.0.113.1:3478",
                List.of());
    }
}
