package io.netloom.ops.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
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
 * The scenarios build on each other, in order; the last ones give the peers names (issue 16): their resolvers,
 * nameserver groups, a custom zone, and the hosts' resolv.conf put back after `down` and after a crash.
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
    /** Each host's resolv.conf before any daemon ran there (issue 16). */
    private static final Map<String, byte[]> ORIGINAL_RESOLV_CONF = new HashMap<>();
    private static String fqdnA;
    private static String fqdnB;
    private static String fqdnC;
    private static String siteC;

    @BeforeAll
    static void buildLab() throws IOException {
        Lab.requireRunnable();
        Lab.up();
        for (String host : List.of("a", "b", "c")) {
            ORIGINAL_RESOLV_CONF.put(host, LabDns.resolvConfBytes(host));
        }
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

    @Test
    @Order(8)
    void namesWhenPoliciesSplitTheMeshThenEachPeerResolvesThePeersItReachesAndNoOther() {
        api.delete("/api/policies/" + allPolicy);
        siteC = api.post("/api/groups", Map.of("name", "site-c", "peers", List.of(peerId(C)))).get("id").asText();
        api.post("/api/policies", policy("a and b", both(groupId("site-a"), groupId("site-b"))));
        api.post("/api/policies", policy("a and c", both(groupId("site-a"), siteC)));
        Await.until("B has left C's map", CONVERGE, () -> C.peerStatus(ipB) == null && A.peerStatus(ipC) != null);
        fqdnA = A.status().get("fqdn").asText();
        fqdnB = B.status().get("fqdn").asText();
        fqdnC = C.status().get("fqdn").asText();

        Await.until("A resolves B's name", CONVERGE, () -> LabDns.addresses("a", fqdnB).equals(List.of(ipB)));
        assertThat(LabDns.getent("a", fqdnB)).as("through glibc").isEqualTo(ipB);
        assertThat(LabDns.getent("a", fqdnC.substring(0, fqdnC.indexOf('.')))).as("through the search domain")
                .isEqualTo(ipC);
        assertThat(LabDns.addresses("c", fqdnA)).containsExactly(ipA);
        assertThat(LabDns.status("c", fqdnB)).as("C may not reach B").isEqualTo("NXDOMAIN");
        JsonNode dns = A.status().get("dns");
        assertThat(dns.get("state").asText()).isEqualTo("listening");
        assertThat(dns.get("listen_address").asText()).isEqualTo(ipA + ":53");
        assertThat(dns.get("system").asText()).startsWith("resolv.conf /etc/resolv.conf");
        assertThat(new String(LabDns.resolvConfBytes("a"))).contains("nameserver " + ipA + "\n");
    }

    @Test
    @Order(9)
    void policyCreatedThenThePeerItOpensResolvesWithinASecond() {
        api.post("/api/policies", policy("b and c", both(groupId("site-b"), siteC)));
        long resolved = Await.until("C resolves B's name", CONVERGE,
                () -> LabDns.addresses("c", fqdnB).equals(List.of(ipB)));

        System.out.println("policy created -> C resolves B's name after " + resolved + " ms");
        assertThat(resolved).isLessThanOrEqualTo(1000);
    }

    @Test
    @Order(10)
    void nameserverGroupsThenTheMatchDomainFromTheSitesDnsmasqAndEveryOtherNameFromThePrimary() {
        LabDns.dnsmasq("rtr-a", "198.18.1.1", 53, "--host-record=intranet.corp.example,198.18.1.80",
                "--local=/corp.example/");
        LabDns.dnsmasq("rtr-a", "198.18.1.1", 5300, "--address=/#/203.0.113.80");
        String siteA = groupId("site-a");
        api.post("/api/dns/nameservers", nameserverGroup("site-a corp", 53, false, List.of("corp.example"), siteA));
        api.post("/api/dns/nameservers", nameserverGroup("site-a primary", 5300, true, List.of(), siteA));

        Await.until("A asks the site's dnsmasq for corp.example", CONVERGE,
                () -> LabDns.addresses("a", "intranet.corp.example").equals(List.of("198.18.1.80")));
        assertThat(LabDns.status("a", "printer.corp.example")).as("the match domain's answer, not the primary's")
                .isEqualTo("NXDOMAIN");
        assertThat(LabDns.addresses("a", "www.example.org")).as("from the primary").containsExactly("203.0.113.80");
        assertThat(LabDns.addresses("a", fqdnB)).as("the mesh's names stay local").containsExactly(ipB);
        assertThat(LabDns.addresses("b", "intranet.corp.example")).as("B is not in site-a").isEmpty();
        assertThat(A.status().get("dns").get("nameserver_groups")).hasSize(2);
    }

    @Test
    @Order(11)
    void customZoneThenItsRecordResolvesOnlyInItsDistributionGroupAndForAPeerWithinASecondOfJoining() {
        String printers = api.post("/api/groups", Map.of("name", "printers", "peers", List.of(peerId(A))))
                .get("id").asText();
        String zone = api.post("/api/dns/zones", Map.of("name", "lab zone", "domain", "lab.example", "enabled", true,
                "enable_search_domain", false, "distribution_groups", List.of(printers))).get("id").asText();
        api.post("/api/dns/zones/" + zone + "/records", Map.of("name", "printer.lab.example", "type", "A",
                "content", "198.18.1.7", "ttl", 300));

        Await.until("A resolves the zone's record", CONVERGE,
                () -> LabDns.addresses("a", "printer.lab.example").equals(List.of("198.18.1.7")));
        assertThat(LabDns.addresses("b", "printer.lab.example")).as("B is not in the zone's group").isEmpty();

        api.put("/api/groups/" + printers, Map.of("name", "printers", "peers", List.of(peerId(A), peerId(B))));
        long resolved = Await.until("B resolves the zone's record", CONVERGE,
                () -> LabDns.addresses("b", "printer.lab.example").equals(List.of("198.18.1.7")));

        System.out.println("B added to the zone's group -> B resolves its record after " + resolved + " ms");
        assertThat(resolved).isLessThanOrEqualTo(1000);
    }

    @Test
    @Order(12)
    void dnsManagementDisabledForCThenItsOriginalResolvConfIsBackUntilEnabledAgain() {
        api.put("/api/dns/settings", Map.of("disabled_management_groups", List.of(siteC)));

        Await.until("C's resolv.conf is its original again", CONVERGE,
                () -> Arrays.equals(LabDns.resolvConfBytes("c"), ORIGINAL_RESOLV_CONF.get("c")));
        assertThat(C.status().get("dns").get("state").asText()).isEqualTo("off");
        assertThat(new String(LabDns.resolvConfBytes("a"))).contains("nameserver " + ipA + "\n");

        api.put("/api/dns/settings", Map.of("disabled_management_groups", List.of()));
        Await.until("C's names go through its resolver again", CONVERGE,
                () -> LabDns.getent("c", fqdnA).equals(ipA));
    }

    @Test
    @Order(13)
    void downThenTheOriginalResolvConfIsBackAndAfterACrashTheNextStartPutsItBack() {
        Lab.check(A.down());
        assertThat(LabDns.resolvConfBytes("a")).isEqualTo(ORIGINAL_RESOLV_CONF.get("a"));

        Lab.check(A.up(null));
        Await.until("A's names work again", CONVERGE, () -> LabDns.getent("a", fqdnB).equals(ipB));
        A.crash();
        assertThat(new String(LabDns.resolvConfBytes("a"))).as("left behind by the killed daemon")
                .contains("nameserver " + ipA + "\n");

        Lab.check(A.up(null));
        Await.until("A's names work after the crash", CONVERGE, () -> LabDns.getent("a", fqdnB).equals(ipB));
        Lab.check(A.down());
        assertThat(LabDns.resolvConfBytes("a")).as("the original, not what the killed daemon left")
                .isEqualTo(ORIGINAL_RESOLV_CONF.get("a"));
    }

    private static Map<String, Object> both(String group, String other) {
        return Map.of("name", "both ways", "enabled", true, "action", "accept", "bidirectional", true,
                "protocol", "all", "sources", List.of(group), "destinations", List.of(other));
    }

    private static Map<String, Object> nameserverGroup(String name, int port, boolean primary, List<String> domains,
            String group) {
        return Map.of("name", name, "description", "", "nameservers", List.of(Map.of("ip", "198.18.1.1", "ns_type",
                "udp", "port", port)), "enabled", true, "groups", List.of(group), "primary", primary, "domains",
                domains, "search_domains_enabled", false);
    }

    private static String groupId(String name) {
        for (JsonNode group : api.get("/api/groups")) {
            if (group.get("name").asText().equals(name)) {
                return group.get("id").asText();
            }
        }
        throw new AssertionError("no group " + name);
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
