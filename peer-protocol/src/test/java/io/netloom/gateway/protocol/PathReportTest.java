package io.netloom.gateway.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netloom.gateway.protocol.PathReport.ConnectionType;
import io.netloom.gateway.protocol.PathReport.Path;
import io.netloom.gateway.protocol.PathReport.RelayTransport;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PathReportTest {

    private static final Path DIRECT = new Path("peer-b", ConnectionType.P2P, "srflx", "host", "203.0.113.7:51820",
            null, 1.5);
    private static final Path RELAYED = new Path("peer-c", ConnectionType.RELAYED, "relay", "srflx",
            "203.0.113.9:40000", RelayTransport.TLS, null);
    private static final String ENTRY = "{\"peer\":\"peer-b\",\"connection_type\":\"p2p\",\"local_candidate_type\":\"host\","
            + "\"remote_candidate_type\":\"srflx\",\"remote_endpoint\":\"203.0.113.7:51820\"}";

    @Test
    void decodeWhenEncodedThenSamePaths() throws Exception {
        String text = PathReport.encode(List.of(DIRECT, RELAYED));

        assertThat(PathReport.decode(Wire.read(text))).containsExactly(DIRECT, RELAYED);
        assertThat(text).isEqualTo("{\"type\":\"paths\",\"paths\":[{\"peer\":\"peer-b\",\"connection_type\":\"p2p\","
                + "\"local_candidate_type\":\"srflx\",\"remote_candidate_type\":\"host\",\"remote_endpoint\":"
                + "\"203.0.113.7:51820\",\"latency_ms\":1.5},{\"peer\":\"peer-c\",\"connection_type\":\"relayed\","
                + "\"local_candidate_type\":\"relay\",\"remote_candidate_type\":\"srflx\",\"remote_endpoint\":"
                + "\"203.0.113.9:40000\",\"relay_transport\":\"tls\"}]}");
    }

    @Test
    void decodeWhenEmptyThenNoPaths() throws Exception {
        assertThat(PathReport.decode(Wire.read("{\"type\":\"paths\",\"paths\":[]}"))).isEmpty();
    }

    @Test
    void decodeWhenEntryHasFieldsOfALaterDaemonThenTheyAreIgnored() throws Exception {
        String text = "{\"type\":\"paths\",\"paths\":[" + ENTRY.replace("}", ",\"since\":\"2026-12-04T10:00:00Z\"}") + "]}";

        assertThat(PathReport.decode(Wire.read(text))).singleElement().extracting(Path::peerId).isEqualTo("peer-b");
    }

    @Test
    void decodeWhenMalformedThenRefusedWithTheReasonAndWhere() {
        assertRefused("{\"type\":\"paths\"}", "paths must be a list");
        assertRefused("{\"type\":\"paths\",\"paths\":{}}", "paths must be a list");
        assertRefused("{\"type\":\"paths\",\"paths\":[5]}", "paths[0]: must be an object");
        assertRefused("{\"type\":\"paths\",\"paths\":[" + ENTRY.replace("\"peer-b\"", "5") + "]}", "paths[0]: peer must be a string");
        assertRefused("{\"type\":\"paths\",\"paths\":[" + ENTRY.replace("peer-b", "peer/../b") + "]}", "peer must be a peer id");
        assertRefused("{\"type\":\"paths\",\"paths\":[" + ENTRY.replace("peer-b", "p".repeat(65)) + "]}", "peer must be a peer id");
        assertRefused("{\"type\":\"paths\",\"paths\":[" + ENTRY.replace("\"p2p\"", "\"P2P\"") + "]}", "connection_type");
        assertRefused("{\"type\":\"paths\",\"paths\":[" + ENTRY.replace("\"p2p\"", "true") + "]}", "connection_type must be a string");
        assertRefused("{\"type\":\"paths\",\"paths\":[" + ENTRY.replace("\"host\"", "\"mdns\"") + "]}", "local_candidate_type");
        assertRefused("{\"type\":\"paths\",\"paths\":[" + ENTRY.replace("\"srflx\"", "\"relay\"") + "]}",
                "connection_type p2p does not match");
        assertRefused("{\"type\":\"paths\",\"paths\":[" + ENTRY.replace("\"p2p\"", "\"relayed\"") + "]}",
                "connection_type relayed does not match");
        assertRefused("{\"type\":\"paths\",\"paths\":[" + ENTRY.replace("}", ",\"relay_transport\":\"tcp\"}") + "]}",
                "relay_transport belongs only");
        assertRefused("{\"type\":\"paths\",\"paths\":[" + ENTRY.replace("\"host\"", "\"relay\"")
                .replace("\"p2p\"", "\"relayed\"").replace("}", ",\"relay_transport\":\"quic\"}") + "]}",
                "relay_transport must be udp, tcp or tls");
        assertRefused("{\"type\":\"paths\",\"paths\":[" + ENTRY.replace("}", ",\"relay_transport\":null}") + "]}",
                "relay_transport must be a string");
        for (String endpoint : List.of("203.0.113.7", "203.0.113.7:0", "203.0.113.7:65536", "256.0.113.7:1",
                "203.0.113.07:1", "[2001:db8::1]:51820", "host.example:51820", "203.0.113.7:1 ", "")) {
            assertRefused("{\"type\":\"paths\",\"paths\":[" + ENTRY.replace("203.0.113.7:51820", endpoint) + "]}",
                    "remote_endpoint");
        }
        assertRefused("{\"type\":\"paths\",\"paths\":[" + ENTRY.replace("}", ",\"latency_ms\":\"3\"}") + "]}",
                "latency_ms must be a number");
        assertRefused("{\"type\":\"paths\",\"paths\":[" + ENTRY.replace("}", ",\"latency_ms\":-1}") + "]}", "latency_ms");
        assertRefused("{\"type\":\"paths\",\"paths\":[" + ENTRY.replace("}", ",\"latency_ms\":1e400}") + "]}", "latency_ms");
        assertRefused("{\"type\":\"paths\",\"paths\":[" + ENTRY + "," + ENTRY + "]}", "peer peer-b is named twice");
    }

    @Test
    void decodeWhenMoreThanTheLimitThenRefused() {
        List<String> entries = new ArrayList<>();
        for (int i = 0; i <= PathReport.MAX_PATHS; i++) {
            entries.add(ENTRY.replace("peer-b", "peer-" + i));
        }

        assertRefused("{\"type\":\"paths\",\"paths\":[" + String.join(",", entries) + "]}", "at most 200 entries");
    }

    @Test
    void encodeWhenAtTheLimitThenFitsTheGatewaysMessageLimit() {
        List<Path> paths = new ArrayList<>();
        for (int i = 0; i < PathReport.MAX_PATHS; i++) {
            paths.add(new Path(String.format("%064d", i), ConnectionType.RELAYED, "relay", "prflx",
                    "255.255.255.255:65535", RelayTransport.UDP, PathReport.MAX_LATENCY_MILLIS - 0.123456789));
        }

        assertThat(PathReport.encode(paths).length()).isLessThan(56 * 1024);
    }

    @Test
    void pathWhenLatencyIsFinerThanATenthOfAMillisecondThenRounded() {
        assertThat(new Path("peer-b", ConnectionType.P2P, "host", "host", "198.18.0.2:1", null, 0.26).latencyMillis())
                .isEqualTo(0.3);
    }

    @Test
    void encodeWhenAPeerIsNamedTwiceThenRefused() {
        assertThatThrownBy(() -> PathReport.encode(List.of(DIRECT, DIRECT)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("named twice");
    }

    private static void assertRefused(String text, String reason) {
        assertThatThrownBy(() -> PathReport.decode(Wire.read(text)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(reason);
    }
}
