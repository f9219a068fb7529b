package io.netloom.ops.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 15's proof with the real server, coturn and daemons (ADR 0039): the relay over TCP and TLS for a host whose
 * network lets no UDP out (U), one relay hop between two hosts behind symmetric NATs (C and D), every relayed path
 * healing after coturn is killed and restarted, and relayed tunnels outliving several allocation lifetimes. A sits
 * behind an endpoint-independent NAT; B is left out (it would only repeat A). One lab for all scenarios, in order;
 * coturn grants {@link #ALLOCATION_LIFETIME} at most, so lifetimes go by within a minute.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RelayEndToEndTest {

    private static final Duration CONVERGE = Duration.ofSeconds(45);
    private static final Duration ALLOCATION_LIFETIME = Duration.ofSeconds(20);
    /**
     * Issue 15: a dead path is detected within 10 s and renegotiated; a negotiation may take up to ice4j's 10 s
     * harvest timeout (UDP, TCP, then TLS relay attempts of 3 s each, ADR 0037). Pings must resume within both.
     */
    private static final Duration HEALED = Duration.ofSeconds(20);
    private static final String RELAY_TCP = "203.0.113.1:3478";
    private static final String RELAY_TLS = "203.0.113.1:443";
    private static final Pattern UDP_DROPPED = Pattern.compile("udp counter packets (\\d+)");
    private static final Path HEAL_TIMES = Path.of("target/relay-heal-times.txt");

    private static final LabPeer A = new LabPeer("a");
    private static final LabPeer C = new LabPeer("c");
    private static final LabPeer U = new LabPeer("u");
    private static final LabPeer D = new LabPeer("d");

    private static final Map<LabPeer, String> IP = new LinkedHashMap<>();

    @BeforeAll
    static void buildLab() throws IOException {
        Lab.requireRunnable();
        Lab.up(ALLOCATION_LIFETIME);
        Lab.startServer();
        LabApi api = new LabApi();
        String setupKey = api.post("/api/setup-keys", Map.of("name", "relay-lab", "type", "reusable",
                "expires_in", 86400, "auto_groups", List.of(), "usage_limit", 0)).get("key").asText();
        Path setupKeyFile = Lab.LAB_DIR.resolve("setup-key");
        Files.writeString(setupKeyFile, setupKey);
        Files.setPosixFilePermissions(setupKeyFile, PosixFilePermissions.fromString("rw-------"));
        String all = null;
        for (JsonNode group : api.get("/api/groups")) {
            if (group.get("name").asText().equals("All")) {
                all = group.get("id").asText();
            }
        }
        api.post("/api/policies", Map.of("name", "all", "description", "", "enabled", true, "rules",
                List.of(Map.of("name", "all", "enabled", true, "action", "accept", "bidirectional", true,
                        "protocol", "all", "sources", List.of(all), "destinations", List.of(all)))));
        for (LabPeer peer : List.of(A, C, U, D)) {
            Lab.check(peer.up(setupKeyFile));
            IP.put(peer, peer.overlayIp());
        }
    }

    @AfterAll
    static void tearDown() {
        if (!Lab.canRun()) {
            return;
        }
        for (LabPeer peer : List.of(A, C, U, D)) {
            peer.down();
        }
        Lab.stopServer();
        Lab.down();
    }

    @Test
    @Order(1)
    void upWhenTheNetworkDropsAllUdpThenReachesEveryHostThroughTheRelayOverTcp() {
        for (LabPeer other : List.of(A, C, D)) {
            Await.until("U pings " + other.host + " through the tunnel", CONVERGE, () -> U.ping(IP.get(other)));
        }

        for (LabPeer other : List.of(A, C, D)) {
            assertRelayedThroughOwnAllocation(U, other, "tcp", RELAY_TCP);
        }
        assertThat(U.cli("status", "-d").output()).contains("Relay: tcp to " + RELAY_TCP);
        assertThat(udpDroppedAtRouterU()).as("UDP datagrams router u dropped (U tried STUN and TURN over UDP)")
                .isPositive();
    }

    @Test
    @Order(2)
    void bothBehindSymmetricNatsThenOneRelayHop() {
        Await.until("C pings D through the tunnel", CONVERGE, () -> C.ping(IP.get(D)));

        JsonNode cSeesD = C.peerStatus(IP.get(D));
        JsonNode dSeesC = D.peerStatus(IP.get(C));
        assertThat(cSeesD.get("connection_type").asText()).as(cSeesD.toString()).isEqualTo("RELAYED");
        assertThat(dSeesC.get("connection_type").asText()).as(dSeesC.toString()).isEqualTo("RELAYED");
        // One relay: one side sends through its own allocation, the other from its host socket (a peer-reflexive
        // candidate to the first) straight to that allocation's relayed address (ADR 0037). Two relays would show
        // "relay" as the local candidate on both sides.
        boolean cRelays = "relay".equals(cSeesD.get("local_candidate_type").asText());
        JsonNode relaying = cRelays ? cSeesD : dSeesC;
        JsonNode direct = cRelays ? dSeesC : cSeesD;
        assertThat(relaying.get("local_candidate_type").asText()).as(relaying.toString()).isEqualTo("relay");
        assertThat(relaying.get("relay_transport").asText()).as(relaying.toString()).isEqualTo("udp");
        assertThat(direct.get("local_candidate_type").asText()).as(direct.toString()).isNotEqualTo("relay");
        assertThat(direct.get("remote_candidate_type").asText()).as(direct.toString()).isEqualTo("relay");
        assertThat(direct.get("remote_endpoint").asText()).as("the other side sends to the relayed address")
                .isEqualTo(relaying.get("local_endpoint").asText());
        assertThat(direct.get("relay_transport").isNull()).as(direct.toString()).isTrue();
        System.out.println("C <-> D: " + (cRelays ? "C" : "D") + " relays " + relaying.get("local_endpoint").asText()
                + " <- " + (cRelays ? "D" : "C") + " from " + direct.get("local_endpoint").asText());
    }

    @Test
    @Order(3)
    void upWhenTcpToTheRelayPortIsBlockedTooThenReachesEveryHostThroughTheRelayOverTls() {
        // Inserted at the head of the forward chain, before the rules that accept what the LAN sends.
        Lab.check(Lab.in("rtr-u", "nft", "insert", "rule", "ip", "nl_router", "forward", "iifname", "lan", "tcp",
                "dport", "3478", "counter", "drop"));
        Lab.check(U.down());
        Lab.check(U.up(null));

        for (LabPeer other : List.of(A, C, D)) {
            Await.until("U pings " + other.host + " through the tunnel over TLS", CONVERGE, () -> U.ping(IP.get(other)));
        }

        for (LabPeer other : List.of(A, C, D)) {
            assertRelayedThroughOwnAllocation(U, other, "tls", RELAY_TLS);
        }
        assertThat(U.cli("status", "-d").output()).contains("Relay: tls to " + RELAY_TLS);
    }

    @Test
    @Order(4)
    void relayKilledAndRestartedThenEveryRelayedPathHeals() throws IOException {
        List<PingTrace> traces = relayedPairs();
        try {
            awaitAllAnswering(traces, Instant.now());
            Lab.killRelay();
            Instant killed = Instant.now();
            sleep(Duration.ofSeconds(3));
            Lab.startRelay();
            Instant restarted = Instant.now();

            List<String> times = new ArrayList<>();
            for (PingTrace trace : traces) {
                Await.until(trace + " answers again after the relay's restart", CONVERGE,
                        () -> trace.answeredAfter(restarted));
                Instant resumed = firstReplyAfter(trace, restarted);
                long fromRestart = Duration.between(restarted, resumed).toMillis();
                times.add(trace + ": relay killed " + Duration.between(killed, restarted).toMillis()
                        + " ms before its restart; pings resumed " + fromRestart + " ms after the restart");
            }
            times.forEach(System.out::println);
            Files.createDirectories(HEAL_TIMES.getParent());
            Files.write(HEAL_TIMES, times, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            for (PingTrace trace : traces) {
                assertThat(Duration.between(restarted, firstReplyAfter(trace, restarted)))
                        .as(trace + ": pings resumed after coturn's restart").isLessThanOrEqualTo(HEALED);
            }
        } finally {
            traces.forEach(PingTrace::close);
        }
    }

    @Test
    @Order(5)
    void relayedTunnelsOutliveSeveralAllocationLifetimes() {
        Map<String, String> relayedAddresses = new LinkedHashMap<>();
        List<PingTrace> traces = relayedPairs();
        try {
            awaitAllAnswering(traces, Instant.now());
            relayedAddresses.putAll(ownRelayedAddresses());
            Instant from = Instant.now();
            sleep(ALLOCATION_LIFETIME.multipliedBy(3).plusSeconds(5));
            Instant to = Instant.now();

            for (PingTrace trace : traces) {
                assertThat(trace.lostBetween(from, to)).as(trace + ": echo requests lost over "
                        + Duration.between(from, to).toSeconds() + " s").isLessThanOrEqualTo(2);
            }
            // The same relayed addresses: the allocations were refreshed, not replaced.
            assertThat(ownRelayedAddresses()).isEqualTo(relayedAddresses);
        } finally {
            traces.forEach(PingTrace::close);
        }
    }

    /** A -> C (C's relay, UDP), C -> D (one relay hop), U -> A and U -> D (U's relay over TCP or TLS). */
    private static List<PingTrace> relayedPairs() {
        return List.of(PingTrace.start("a", IP.get(C)), PingTrace.start("c", IP.get(D)),
                PingTrace.start("u", IP.get(A)), PingTrace.start("u", IP.get(D)));
    }

    private static void awaitAllAnswering(List<PingTrace> traces, Instant since) {
        for (PingTrace trace : traces) {
            Await.until(trace + " answers", CONVERGE, () -> trace.answeredAfter(since));
        }
    }

    /** Each relaying side's relayed address per remote peer, "host->overlay ip" to "relay ip:port". */
    private static Map<String, String> ownRelayedAddresses() {
        Map<String, String> addresses = new LinkedHashMap<>();
        for (LabPeer peer : List.of(A, C, U, D)) {
            for (JsonNode remote : peer.status().get("peers")) {
                if ("relay".equals(remote.path("local_candidate_type").asText())) {
                    addresses.put(peer.host + "->" + remote.get("overlay_ip").asText(),
                            remote.get("local_endpoint").asText());
                }
            }
        }
        return addresses;
    }

    private static Instant firstReplyAfter(PingTrace trace, Instant since) {
        return trace.firstReplyAfter(since).orElseThrow(() -> new AssertionError(trace + ": no reply after " + since));
    }

    private static void assertRelayedThroughOwnAllocation(LabPeer from, LabPeer to, String transport, String relay) {
        JsonNode view = from.peerStatus(IP.get(to));
        assertThat(view.get("connection_type").asText()).as(view.toString()).isEqualTo("RELAYED");
        assertThat(view.get("local_candidate_type").asText()).as(view.toString()).isEqualTo("relay");
        assertThat(view.get("relay_transport").asText()).as(view.toString()).isEqualTo(transport);
        assertThat(view.get("relay_server").asText()).as(view.toString()).isEqualTo(relay);
    }

    private static long udpDroppedAtRouterU() {
        Matcher counter = UDP_DROPPED.matcher(
                Lab.check(Lab.in("rtr-u", "nft", "list", "chain", "ip", "nl_router", "forward")).output());
        assertThat(counter.find()).as("router u's UDP drop rule").isTrue();
        return Long.parseLong(counter.group(1));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
