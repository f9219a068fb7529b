package io.netloom.ops.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole product in the namespace lab: the real server and coturn in "the internet", three
 * devices behind NATs running the real daemon with wireguard-go and nftables. A and B sit behind
 * endpoint-independent NATs (hole punching works), C behind a symmetric NAT (only TURN works).
 * The scenarios build on each other, in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MeshEndToEndTest {

    private static final Duration CONVERGE = Duration.ofSeconds(30);

    private static final LabPeer A = new LabPeer("a");
    private static final LabPeer B = new LabPeer("b");
    private static final LabPeer C = new LabPeer("c");

    private static LabApi api;
    private static Path setupKeyFile;
    private static String allGroup;
    private static String allPolicy;
    private static String ipA;
    private static String ipB;
    private static String ipC;

    @BeforeAll
    static void buildLab() throws IOException {
        Lab.requireRunnable();
        Lab.up();
        Lab.startServer();
        api = new LabApi();
        String setupKey = api.post("/api/setup-keys", Map.of("name", "lab", "type", "reusable", "expires_in", 86400,
                "auto_groups", List.of(), "usage_limit", 0)).get("key").asText();
        setupKeyFile = Lab.LAB_DIR.resolve("setup-key");
        Files.writeString(setupKeyFile, setupKey);
        Files.setPosixFilePermissions(setupKeyFile, PosixFilePermissions.fromString("rw-------"));
        for (JsonNode group : api.get("/api/groups")) {
            if (group.get("name").asText().equals("All")) {
                allGroup = group.get("id").asText();
            }
        }
        allPolicy = allowAll();
    }

    @AfterAll
    static void tearDown() {
        if (!Lab.canRun()) {
            return;
        }
        for (LabPeer peer : List.of(A, B, C)) {
            peer.down();
        }
        Lab.stopServer();
        Lab.down();
    }

    @Test
    @Order(0)
    void upWhenTheServerFingerprintIsTamperedThenRefusedNamingBothAndNotEnrolled() {
        String genuine = Lab.serverFingerprint();
        String tampered = genuine.substring(0, genuine.length() - 1) + (genuine.endsWith("0") ? "1" : "0");

        Lab.Result refused = A.up(setupKeyFile, tampered);

        assertThat(refused.exitCode()).as(refused.output()).isEqualTo(1);
        assertThat(refused.output()).contains("refusing the management server at " + Lab.SERVER_URL)
                .contains("presented a certificate with SHA-256 fingerprint " + genuine)
                .contains("expected fingerprint (--server-fingerprint) is " + tampered)
                .doesNotContain("Exception");
        assertThat(A.stateDirectory.resolve("enrollment.json")).doesNotExist();
        assertThat(api.get("/api/peers")).as("peers enrolled").isEmpty();
    }

    @Test
    @Order(1)
    void upWhenPolicyAllowsAllThenDirectPathBetweenEndpointIndependentNats() {
        for (LabPeer peer : List.of(A, B, C)) {
            Lab.check(peer.up(setupKeyFile));
        }
        ipA = A.overlayIp();
        ipB = B.overlayIp();
        ipC = C.overlayIp();
        // Enrolled over https with the pinned certificate, syncing over wss with the one the answer named.
        assertThat(A.status().get("gateway").get("url").asText()).startsWith("wss://203.0.113.1:33080/");
        Await.until("A's daemon reaches the management API over TLS", CONVERGE,
                () -> A.status().get("management").get("state").asText().equals("connected"));

        Await.until("A pings B through the tunnel", CONVERGE, () -> A.ping(ipB));

        assertThat(A.peerStatus(ipB).get("connection_type").asText()).isEqualTo("P2P");
        assertThat(A.status().get("interface_type").asText()).isEqualTo("userspace");
        // WireGuard rides the path in the kernel on both ends; A's pings arrived through B's nftables rules.
        assertThat(A.peerStatus(ipB).get("data_path").asText()).isEqualTo("KERNEL");
        Await.until("B steers A's datagrams through the kernel", CONVERGE, () -> {
            A.ping(ipB);
            return "KERNEL".equals(B.peerStatus(ipA).get("data_path").asText()) && B.packetsSteeredToWireGuard() > 0;
        });
    }

    @Test
    @Order(2)
    void upWhenPeerBehindSymmetricNatThenRelayedThroughTurn() {
        Await.until("A pings C through the tunnel", CONVERGE, () -> A.ping(ipC));

        assertThat(A.peerStatus(ipC).get("connection_type").asText()).isEqualTo("RELAYED");
        assertThat(C.peerStatus(ipA).get("connection_type").asText()).isEqualTo("RELAYED");
        // A relay of one's own needs the daemon's framing; the other end sends plain UDP to it from the kernel.
        for (var view : List.of(A.peerStatus(ipC), C.peerStatus(ipA))) {
            assertThat(view.get("data_path").asText()).as(view.toString())
                    .isEqualTo("relay".equals(view.get("local_candidate_type").asText()) ? "PROXY" : "KERNEL");
        }
    }

    @Test
    @Order(3)
    void policyDeletedThenTrafficDroppedAndPeersLeaveTheMapsUntilItIsBack() {
        api.delete("/api/policies/" + allPolicy);

        long dropped = Await.until("A can no longer reach B", CONVERGE, () -> !A.quickPing(ipB));
        Await.until("B is gone from A's map", CONVERGE, () -> A.peerStatus(ipB) == null);
        System.out.println("policy deleted -> A's pings to B (200 ms timeout) unanswered after " + dropped + " ms");

        allPolicy = allowAll();
        Await.until("A reaches B again", CONVERGE, () -> A.ping(ipB));
    }

    @Test
    @Order(4)
    void oneWayPolicyThenOnlyThatDirectionAndPortOpen() {
        api.delete("/api/policies/" + allPolicy);
        String groupA = api.post("/api/groups", Map.of("name", "site-a", "peers", List.of(peerId(A)))).get("id").asText();
        String groupB = api.post("/api/groups", Map.of("name", "site-b", "peers", List.of(peerId(B)))).get("id").asText();
        String oneWay = api.post("/api/policies", policy("a to b web", Map.of("name", "web", "enabled", true,
                "action", "accept", "bidirectional", false, "protocol", "tcp", "ports", List.of("8080"),
                "sources", List.of(groupA), "destinations", List.of(groupB)))).get("id").asText();
        Lab.check(Lab.in("b", "iperf3", "-s", "-D", "-p", "8080", "-B", ipB));
        Lab.check(Lab.in("b", "iperf3", "-s", "-D", "-p", "8081", "-B", ipB));
        Lab.check(Lab.in("a", "iperf3", "-s", "-D", "-p", "8080", "-B", ipA));

        Await.until("A opens B:8080", CONVERGE, () -> A.connects(ipB, 8080));
        assertThat(A.connects(ipB, 8081)).as("A to B on another port").isFalse();
        assertThat(B.connects(ipA, 8080)).as("B opening a connection to A").isFalse();
        assertThat(A.ping(ipB)).as("A pinging B (ICMP is not allowed)").isFalse();

        api.delete("/api/policies/" + oneWay);
        allPolicy = allowAll();
        Await.until("A reaches B again", CONVERGE, () -> A.ping(ipB));
    }

    @Test
    @Order(5)
    void serverStoppedThenTunnelsKeepWorkingAndDaemonsResyncWithoutEnrolling() throws IOException {
        String enrolledAt = Files.readString(A.stateDirectory.resolve("enrollment.json"));
        Lab.stopServer();
        Lab.Result pings = Lab.in("a", "ping", "-n", "-q", "-c", "30", "-i", "1", "-W", "1", ipB);
        assertThat(pings.output()).contains("30 received");
        assertThat(A.status().get("gateway").get("state").asText()).isNotEqualTo("connected");

        Lab.startServer();
        Await.until("A is back on the gateway", Duration.ofSeconds(60),
                () -> A.status().get("gateway").get("state").asText().equals("connected"));
        Await.until("B is back on the gateway", Duration.ofSeconds(60),
                () -> B.status().get("gateway").get("state").asText().equals("connected"));
        assertThat(A.ping(ipB)).isTrue();
        assertThat(Files.readString(A.stateDirectory.resolve("enrollment.json"))).isEqualTo(enrolledAt);
    }

    @Test
    @Order(6)
    void daemonRestartedThenSameKeyAndAddress() {
        String key = A.status().get("public_key").asText();
        Lab.check(A.down());
        assertThat(A.cli("status").exitCode()).isEqualTo(3);
        Lab.check(A.up(null));

        assertThat(A.status().get("public_key").asText()).isEqualTo(key);
        assertThat(A.overlayIp()).isEqualTo(ipA);
        Await.until("A reaches B after its restart", CONVERGE, () -> A.ping(ipB));
    }

    @Test
    @Order(7)
    void hostileSignalsAndUnreachableRelayThenLoggedShownAndSurvived() {
        String javaClassPath = System.getProperty("java.class.path");
        Lab.Result hostile = Lab.in("inet", "java", "-cp", javaClassPath, HostileSignaler.class.getName(),
                Lab.SERVER_URL, setupKeyFile.toString(), peerId(A), Lab.serverFingerprint());
        String hostilePeer = Lab.check(hostile).output().strip().lines().reduce((first, last) -> last).orElseThrow();

        Await.until("A shows the rejected signals", CONVERGE, () -> A.status().get("problems").toString()
                .contains("does not authenticate"));
        assertThat(A.ping(ipB)).as("A still reaches B").isTrue();
        api.delete("/api/peers/" + hostilePeer);

        Lab.check(Lab.in("rtr-c", "nft", "add", "table", "inet", "labblock"));
        Lab.check(Lab.in("rtr-c", "nft", "add", "chain", "inet", "labblock", "turnblock",
                "{ type filter hook forward priority -10; }"));
        // The relay on every transport the server hands out: TURN over UDP and TCP on 3478, over TLS on 443.
        Lab.check(Lab.in("rtr-c", "nft", "add", "rule", "inet", "labblock", "turnblock", "ip", "daddr", "203.0.113.1",
                "meta", "l4proto", "{", "tcp", ",", "udp", "}", "th", "dport", "{", "3478", ",", "443", "}", "drop"));
        try {
            Lab.check(C.down());
            Lab.check(C.up(null));
            Await.until("C shows why it has no path to A", CONVERGE, () -> {
                JsonNode peer = C.peerStatus(ipA);
                return peer != null && !peer.get("last_error").isNull();
            });
            assertThat(C.status().get("gateway").get("state").asText()).isEqualTo("connected");
        } finally {
            Lab.in("rtr-c", "nft", "delete", "table", "inet", "labblock");
        }
        Await.until("C reaches A once the relay is reachable again", Duration.ofSeconds(90), () -> C.ping(ipA));
    }

    private static String allowAll() {
        return api.post("/api/policies", policy("all", Map.of("name", "all", "enabled", true, "action", "accept",
                "bidirectional", true, "protocol", "all", "sources", List.of(allGroup),
                "destinations", List.of(allGroup)))).get("id").asText();
    }

    private static Map<String, Object> policy(String name, Map<String, Object> rule) {
        return Map.of("name", name, "description", "", "enabled", true, "rules", List.of(rule));
    }

    private static String peerId(LabPeer peer) {
        return peer.status().get("peer_id").asText();
    }
}
