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
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Routes and routing peers in the namespace lab (issue 13, ops/lab/routes-lab.sh): the real server, the real daemons
 * on client C (host a, behind its NAT, entitled to the routes), client X (host b, behind its own NAT, connected to
 * the routing peers but not entitled), routing peers R1 and R2 on site 1's LAN beside the plain host H, R3 on site
 * 2's LAN beside the plain host H3, and the exit node E beside the plain host I on the lab's internet. The plain
 * hosts run no Netloom; they answer HTTP with the source address they see, which tells masquerading routing peers
 * apart. Everything is set up through the API, as an admin would. The scenarios build on each other, in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RoutesLabTest {

    private static final Duration CONVERGE = Duration.ofSeconds(30);
    /** Issue 13's target for a client moving to another routing peer of a highly available route. */
    private static final Duration FAILOVER = Duration.ofSeconds(10);
    /** Issue 13's target for a route withdrawn from a client. */
    private static final Duration WITHDRAWAL = Duration.ofSeconds(1);
    /** How long a client must stay on the routing peer it moved back to, to count as not flapping. */
    private static final Duration STEADY = Duration.ofSeconds(10);
    /** How many times R1 is killed and brought back: once in CI, ten times for BENCHMARKS.md. */
    private static final int FAILOVER_RUNS = Integer.parseInt(
            System.getenv().getOrDefault("NETLOOM_LAB_FAILOVER_RUNS", "1"));
    private static final Path TIMES = Lab.REPOSITORY.resolve("ops/target");

    private static final LabPeer C = new LabPeer("a");
    private static final LabPeer X = new LabPeer("b");
    private static final LabPeer ROUTER_1 = new LabPeer("r1");
    private static final LabPeer ROUTER_2 = new LabPeer("r2");
    private static final LabPeer ROUTER_3 = new LabPeer("r3");
    private static final LabPeer EXIT = new LabPeer("e");
    private static final List<LabPeer> DEVICES = List.of(C, X, ROUTER_1, ROUTER_2, ROUTER_3, EXIT);

    private static LabApi api;
    private static String entitled;
    private static String site1Routers;
    private static String site2Routers;
    private static LabRoute site1;
    private static String site1Id;
    private static String clientsToRoutingPeers;

    @BeforeAll
    static void buildLab() throws IOException {
        Lab.requireRunnable();
        Lab.up();
        RoutesLab.up();
        Lab.startServer();
        api = new LabApi();
        String setupKey = api.post("/api/setup-keys", Map.of("name", "routes lab", "type", "reusable",
                "expires_in", 86400, "auto_groups", List.of(), "usage_limit", 0)).get("key").asText();
        Path setupKeyFile = Lab.LAB_DIR.resolve("setup-key");
        Files.writeString(setupKeyFile, setupKey);
        Files.setPosixFilePermissions(setupKeyFile, PosixFilePermissions.fromString("rw-------"));
        DEVICES.parallelStream().forEach(device -> Lab.check(device.up(setupKeyFile)));

        String clients = group("clients", C, X);
        entitled = group("entitled", C);
        site1Routers = group("site 1 routers", ROUTER_1, ROUTER_2);
        site2Routers = group("site 2 routers", ROUTER_3);
        String exits = group("exit nodes", EXIT);
        // A client receives a route only when a policy connects it to the routing peer (protocol §2b).
        clientsToRoutingPeers = policy("clients to routing peers", "all", List.of(), List.of(clients),
                List.of(site1Routers, site2Routers, exits), true);
        policy("site to site", "all", List.of(), List.of(site1Routers), List.of(site2Routers), true);
    }

    @AfterAll
    static void tearDown() {
        if (!Lab.canRun()) {
            return;
        }
        DEVICES.parallelStream().forEach(LabPeer::down);
        Lab.stopServer();
        Lab.down();
    }

    @Test
    @Order(1)
    void routeThroughR1ThenCReachesHSeenAsR1AndXIsDroppedByR1EvenWithTheRouteAddedByHand() {
        site1 = LabRoute.of("site1", RoutesLab.SITE1, peerId(ROUTER_1), 10, List.of(entitled));
        site1Id = site1.create(api);

        Await.until("C reaches H through R1", CONVERGE,
                () -> RoutesLab.whoAmI("a", RoutesLab.http(RoutesLab.H)).equals(Optional.of(RoutesLab.R1)));
        assertThat(chosenRoutingPeer(C, "site1")).as("C's status: the route it uses").contains(peerId(ROUTER_1));
        assertThat(ROUTER_1.status().get("served_routes").toString()).as("R1's status: the route it serves")
                .contains(RoutesLab.SITE1);
        assertThat(chosenRoutingPeer(X, "site1")).as("X's status: no route").isEmpty();

        String router1Ip = ROUTER_1.overlayIp();
        String router1Key = ROUTER_1.status().get("public_key").asText();
        Await.until("X has its tunnel to R1 (a policy connects them)", CONVERGE, () -> X.ping(router1Ip));
        assertThat(RoutesLab.whoAmI("b", RoutesLab.http(RoutesLab.H))).as("X without the route").isEmpty();
        Lab.check(Lab.in("b", "wg", "set", X.interfaceName, "peer", router1Key, "allowed-ips",
                router1Ip + "/32," + RoutesLab.SITE1));
        Lab.check(Lab.in("b", "ip", "route", "add", RoutesLab.SITE1, "dev", X.interfaceName));
        try {
            assertThat(Lab.in("b", "ip", "route", "get", RoutesLab.H).output()).contains("dev " + X.interfaceName);
            for (int attempt = 0; attempt < 3; attempt++) {
                assertThat(RoutesLab.whoAmI("b", RoutesLab.http(RoutesLab.H)))
                        .as("X with the route and R1's allowed IPs added by hand").isEmpty();
            }
            assertThat(X.ping(router1Ip)).as("X's tunnel to R1 carries packets meanwhile").isTrue();
        } finally {
            Lab.in("b", "ip", "route", "del", RoutesLab.SITE1, "dev", X.interfaceName);
            Lab.in("b", "wg", "set", X.interfaceName, "peer", router1Key, "allowed-ips", router1Ip + "/32");
        }
    }

    @Test
    @Order(2)
    void accessControlGroupWithTcp80PolicyThenCReachesHOnPort80AndNothingElse() {
        assertThat(RoutesLab.whoAmI("a", RoutesLab.http(RoutesLab.H, 8080))).contains(RoutesLab.R1);
        String web = api.post("/api/groups", Map.of("name", "site 1 web")).get("id").asText();
        String policy = policy("site 1 web", "tcp", List.of("80"), List.of(entitled), List.of(web), false);
        site1.withAccessControlGroups(List.of(web)).update(api, site1Id);

        Await.until("R1 stops forwarding C's requests to H:8080", CONVERGE,
                () -> RoutesLab.whoAmI("a", RoutesLab.http(RoutesLab.H, 8080)).isEmpty());
        assertThat(RoutesLab.whoAmI("a", RoutesLab.http(RoutesLab.H))).as("C to H:80").contains(RoutesLab.R1);
        assertThat(C.ping(RoutesLab.H)).as("C pinging H (only tcp/80 is allowed)").isFalse();

        site1.update(api, site1Id);
        api.delete("/api/policies/" + policy);
        Await.until("C reaches H:8080 again without the access-control group", CONVERGE,
                () -> RoutesLab.whoAmI("a", RoutesLab.http(RoutesLab.H, 8080)).equals(Optional.of(RoutesLab.R1)));
    }

    @Test
    @Order(3)
    void siteToSiteWithoutMasqueradeThenHostsOnBothLansSeeEachOthersOwnAddresses() {
        LabRoute site2 = LabRoute.of("site2", RoutesLab.SITE2, peerId(ROUTER_3), 10, List.of(site1Routers))
                .withMasquerade(false);
        String site2Id = site2.create(api);
        site1.withMasquerade(false).withGroups(List.of(entitled, site2Routers)).update(api, site1Id);

        Await.until("H3 sees H's own address", CONVERGE, () -> RoutesLab.whoAmI("h", RoutesLab.http(RoutesLab.H3))
                .equals(Optional.of(RoutesLab.H)));
        Await.until("H sees H3's own address", CONVERGE, () -> RoutesLab.whoAmI("h3", RoutesLab.http(RoutesLab.H))
                .equals(Optional.of(RoutesLab.H3)));

        api.delete("/api/routes/" + site2Id);
        site1.update(api, site1Id);
        Await.until("C reaches H through R1 with masquerade again", CONVERGE,
                () -> RoutesLab.whoAmI("a", RoutesLab.http(RoutesLab.H)).equals(Optional.of(RoutesLab.R1)));
    }

    @Test
    @Order(4)
    void highlyAvailableRouteThenCMovesToR2WhenR1DiesAndBackWhenItReturnsWithoutFlapping() throws IOException {
        failOverAndBack("R1 killed", ROUTER_1::crash, () -> Lab.check(ROUTER_1.up(null)), false);
    }

    /**
     * R1 vanishes without closing anything (its LAN cable pulled): its gateway session and C's ICE path to it stay up
     * until their timeouts (45 s, 30 s), so only the silence of the path probes tells C (ADR 0032).
     */
    @Test
    @Order(5)
    void highlyAvailableRouteThenCMovesToR2WhenR1FallsSilentAndBackWhenItIsHeardAgainWithoutFlapping()
            throws IOException {
        failOverAndBack("R1 silent", () -> RoutesLab.unplug("s1", "r1"), () -> RoutesLab.plugIn("s1", "r1"), true);
    }

    /**
     * With R2 as a backup for site 1, makes R1 fail {@code FAILOVER_RUNS} times: C's requests to H must move to R2
     * within the target, and back to R1 once it recovers, staying there. The times go to route-failover-times.txt
     * (replaced by the first scenario, appended to by the later ones).
     */
    private static void failOverAndBack(String failure, Runnable fail, Runnable recover, boolean append)
            throws IOException {
        String backupId = LabRoute.of("site1", RoutesLab.SITE1, peerId(ROUTER_2), 20, List.of(entitled)).create(api);
        String router1 = peerId(ROUTER_1);
        List<String> lines = new ArrayList<>();
        List<Long> failovers = new ArrayList<>();
        try (WhoAmITrace trace = WhoAmITrace.start("a", RoutesLab.http(RoutesLab.H))) {
            Instant started = Instant.now();
            Await.until("C asks H through R1", CONVERGE, () -> trace.firstFrom(RoutesLab.R1, started).isPresent());
            for (int run = 1; run <= FAILOVER_RUNS; run++) {
                Instant failed = Instant.now();
                fail.run();
                long failover;
                try {
                    Await.until("C reaches H through R2", CONVERGE.plus(FAILOVER),
                            () -> trace.firstFrom(RoutesLab.R2, failed).isPresent());
                    failover = Duration.between(failed, trace.firstFrom(RoutesLab.R2, failed).orElseThrow())
                            .toMillis();
                    assertThat(chosenRoutingPeer(C, "site1")).as("C's status after: " + failure)
                            .contains(peerId(ROUTER_2));
                } finally {
                    recover.run();
                }
                Instant recovered = Instant.now();
                Await.until("C moves back to R1", Duration.ofSeconds(60),
                        () -> trace.firstFrom(RoutesLab.R1, recovered).isPresent());
                Instant back = trace.firstFrom(RoutesLab.R1, recovered).orElseThrow();
                Await.pause(STEADY);
                List<WhoAmITrace.Answer> afterwards = trace.between(back, Instant.now());
                assertThat(chosenRoutingPeer(C, "site1")).as("C's status after R1 recovered").contains(router1);

                String line = failure + ", run " + run + ": first request through R2 after " + failover
                        + " ms; R1 recovered -> first request through R1 after "
                        + Duration.between(recovered, back).toMillis() + " ms; then " + afterwards.size()
                        + " requests in " + STEADY.toSeconds() + " s, " + count(afterwards, RoutesLab.R1)
                        + " through R1, " + count(afterwards, RoutesLab.R2) + " through R2, "
                        + afterwards.stream().filter(answer -> answer.source().isEmpty()).count() + " unanswered";
                System.out.println("failover " + line);
                lines.add(line);
                failovers.add(failover);
                assertThat(failover).as(line).isLessThanOrEqualTo(FAILOVER.toMillis());
                assertThat(count(afterwards, RoutesLab.R2)).as("back on R1, no request through R2: " + line)
                        .isZero();
                assertThat(count(afterwards, RoutesLab.R1)).as(line)
                        .isGreaterThan(STEADY.dividedBy(WhoAmITrace.INTERVAL) / 2);
            }
        } finally {
            lines.add(failure + ": " + summary(failovers));
            write("route-failover-times.txt", lines, append);
            api.delete("/api/routes/" + backupId);
        }
    }

    @Test
    @Order(6)
    void exitNodeThenCsInternetTrafficLeavesThroughEWhileItsTunnelsLanAndControlTrafficStayDirect() {
        String internet = RoutesLab.http(RoutesLab.I);
        assertThat(RoutesLab.whoAmI("a", internet)).as("C on the internet before").contains(RoutesLab.NAT_A);
        LabRoute exit = LabRoute.of("exit", "0.0.0.0/0", peerId(EXIT), 10, List.of(entitled));
        String exitId = exit.create(api);

        Await.until("I sees C's requests from E", CONVERGE,
                () -> RoutesLab.whoAmI("a", internet).equals(Optional.of(RoutesLab.E)));
        String cIp = C.overlayIp();
        String router1Ip = ROUTER_1.overlayIp();
        assertThat(C.ping(router1Ip)).as("C's tunnel to R1").isTrue();
        assertThat(RoutesLab.whoAmI("a", RoutesLab.http(RoutesLab.H))).as("C to H through R1").contains(RoutesLab.R1);
        JsonNode cSeenByR1 = ROUTER_1.peerStatus(cIp);
        assertThat(cSeenByR1.get("connection_type").asText()).as(cSeenByR1.toString()).isEqualTo("P2P");
        assertThat(cSeenByR1.get("remote_endpoint").asText()).as("R1 sees C's tunnel come from C's own NAT, not E")
                .startsWith(RoutesLab.NAT_A + ":");
        assertThat(C.peerStatus(router1Ip).get("remote_endpoint").asText()).startsWith(RoutesLab.NAT_SITE1 + ":");
        assertThat(C.ping(RoutesLab.LAN_GATEWAY_A)).as("C's own LAN").isTrue();
        JsonNode status = C.status();
        assertThat(status.get("management").get("state").asText()).isEqualTo("connected");
        assertThat(status.get("gateway").get("state").asText()).isEqualTo("connected");
        assertThat(RoutesLab.whoAmI("b", internet)).as("X is not entitled to the exit node").contains(RoutesLab.NAT_B);

        exit.withSkipAutoApply(true).update(api, exitId);
        Await.until("C on the internet from its own NAT: skip_auto_apply and not selected", CONVERGE,
                () -> RoutesLab.whoAmI("a", internet).equals(Optional.of(RoutesLab.NAT_A)));
        assertThat(C.cli("routes", "list").output()).contains("exit");
        Lab.check(C.cli("routes", "select", "exit"));
        Await.until("I sees C's requests from E once selected", CONVERGE,
                () -> RoutesLab.whoAmI("a", internet).equals(Optional.of(RoutesLab.E)));
        Lab.check(C.cli("routes", "deselect", "exit"));
        Await.until("C on the internet from its own NAT once deselected", CONVERGE,
                () -> RoutesLab.whoAmI("a", internet).equals(Optional.of(RoutesLab.NAT_A)));

        api.delete("/api/routes/" + exitId);
    }

    @Test
    @Order(7)
    void clientRemovedFromGroupsOrRouteDeletedThenCNoLongerReachesHWithinOneSecond() throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("removed from groups: " + cutAfter(() -> site1.withGroups(List.of(site2Routers)).update(api, site1Id))
                + " ms");
        site1.update(api, site1Id);
        Await.until("C reaches H again", CONVERGE,
                () -> RoutesLab.whoAmI("a", RoutesLab.http(RoutesLab.H)).equals(Optional.of(RoutesLab.R1)));
        lines.add("route deleted: " + cutAfter(() -> api.delete("/api/routes/" + site1Id)) + " ms");
        write("route-withdrawal-times.txt", lines, false);
    }

    /**
     * NetBird's newer model (ADR 0030/0031): H as a resource of a network routed by R1, reachable only by the
     * sources of a policy targeting the resource's group. No policy connects C and R1 any more: the resource alone
     * links them.
     */
    @Test
    @Order(8)
    void networkResourceWithTcp80PolicyThenCReachesHThroughR1WithoutPeerPolicyXDoesNotAndDeletingThePolicyCutsC()
            throws IOException {
        api.delete("/api/policies/" + clientsToRoutingPeers);
        String router1Ip = ROUTER_1.overlayIp();
        Await.until("C has no tunnel to R1 without the policy", CONVERGE, () -> !C.quickPing(router1Ip));
        String resources = api.post("/api/groups", Map.of("name", "site1-res")).get("id").asText();
        String network = api.post("/api/networks", Map.of("name", "site 1", "description", "site 1 LAN"))
                .get("id").asText();
        api.post("/api/networks/" + network + "/resources", Map.of("name", "H", "description", "web server on site 1",
                "address", RoutesLab.H, "enabled", true, "groups", List.of(resources)));
        api.post("/api/networks/" + network + "/routers", Map.of("peer", peerId(ROUTER_1), "metric", 10,
                "masquerade", true, "enabled", true));
        String policy = policy("entitled to site 1 resources", "tcp", List.of("80"), List.of(entitled),
                List.of(resources), false);

        Await.until("C reaches H:80 through R1", CONVERGE,
                () -> RoutesLab.whoAmI("a", RoutesLab.http(RoutesLab.H)).equals(Optional.of(RoutesLab.R1)));
        assertThat(RoutesLab.whoAmI("a", RoutesLab.http(RoutesLab.H, 8080))).as("C to H:8080 (only tcp/80)")
                .isEmpty();
        assertThat(C.ping(router1Ip)).as("C to R1 itself: no policy between them, R1 lets nothing in").isFalse();
        assertThat(RoutesLab.whoAmI("b", RoutesLab.http(RoutesLab.H))).as("X, not a source of the policy").isEmpty();
        assertThat(chosenRoutingPeer(X, network)).as("X's status: no route").isEmpty();

        try (WhoAmITrace trace = WhoAmITrace.start("a", RoutesLab.http(RoutesLab.H))) {
            Instant started = Instant.now();
            Await.until("C asks H through R1", CONVERGE, () -> trace.firstFrom(RoutesLab.R1, started).isPresent());
            Instant changed = Instant.now();
            api.delete("/api/policies/" + policy);
            Await.until("C's requests to H unanswered", CONVERGE,
                    () -> RoutesLab.whoAmI("a", RoutesLab.http(RoutesLab.H)).isEmpty());
            Await.pause(WITHDRAWAL.plusSeconds(1));
            Optional<Long> lastAnswer = trace.between(changed, Instant.now()).stream()
                    .filter(answer -> answer.from(RoutesLab.R1))
                    .map(answer -> Duration.between(changed, answer.at()).toMillis()).max(Long::compare);
            long cut = lastAnswer.orElse(0L);
            // C asks every 100 ms: no answer at all after the call means the cut came before C's next request.
            String line = "network resource policy deleted: " + lastAnswer.map(ms -> "last request through R1 "
                    + "answered " + ms + " ms after the call").orElse("no request answered after the call");
            System.out.println(line);
            write("route-withdrawal-times.txt", List.of(line), true);
            assertThat(cut).as("last answer through R1 after the policy was deleted").isLessThanOrEqualTo(
                    WITHDRAWAL.toMillis());
        }
    }

    private static void write(String file, List<String> lines, boolean append) throws IOException {
        Files.createDirectories(TIMES);
        if (append) {
            Files.write(TIMES.resolve(file), lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } else {
            Files.write(TIMES.resolve(file), lines);
        }
    }

    /**
     * Makes {@code change} while C pings H every 50 ms; the time from the start of the call to C's last answered echo
     * request, asserting that nothing is answered after the target.
     */
    private static long cutAfter(Runnable change) {
        try (PingTrace pings = PingTrace.start("a", RoutesLab.H)) {
            Instant started = Instant.now();
            Await.until("C pings H through R1", CONVERGE, () -> pings.answeredAfter(started));
            Instant changed = Instant.now();
            change.run();
            Await.until("C's pings to H unanswered", CONVERGE, () -> !C.quickPing(RoutesLab.H));
            Await.pause(WITHDRAWAL.plusSeconds(1));
            long cut = pings.lastReplyAfter(changed).map(last -> Duration.between(changed, last).toMillis()).orElse(0L);
            System.out.println("route withdrawn -> C's last ping to H answered after " + cut + " ms");
            assertThat(cut).as("last answer after the change").isLessThanOrEqualTo(WITHDRAWAL.toMillis());
            return cut;
        }
    }

    /** The routing peer {@code client}'s status names as chosen for the route {@code networkId}, if it uses it. */
    private static Optional<String> chosenRoutingPeer(LabPeer client, String networkId) {
        for (JsonNode route : client.status().get("routes")) {
            if (route.get("network_id").asText().equals(networkId) && !route.get("chosen_peer").isNull()) {
                return Optional.of(route.get("chosen_peer").asText());
            }
        }
        return Optional.empty();
    }

    private static long count(List<WhoAmITrace.Answer> answers, String source) {
        return answers.stream().filter(answer -> answer.from(source)).count();
    }

    private static String summary(List<Long> times) {
        if (times.isEmpty()) {
            return "no failover measured";
        }
        List<Long> sorted = times.stream().sorted().toList();
        long median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
        return "failover over " + sorted.size() + " runs: median " + median + " ms, max " + sorted.get(sorted.size() - 1)
                + " ms";
    }


    private static String group(String name, LabPeer... members) {
        return api.post("/api/groups", Map.of("name", name,
                "peers", Stream.of(members).map(RoutesLabTest::peerId).toList())).get("id").asText();
    }

    private static String policy(String name, String protocol, List<String> ports, List<String> sources,
            List<String> destinations, boolean bidirectional) {
        Map<String, Object> rule = new LinkedHashMap<>(Map.of("name", name, "enabled", true,
                "action", "accept", "bidirectional", bidirectional, "protocol", protocol, "sources", sources,
                "destinations", destinations));
        if (!ports.isEmpty()) {
            rule.put("ports", ports);
        }
        return api.post("/api/policies", Map.of("name", name, "description", "", "enabled", true,
                "rules", List.of(rule))).get("id").asText();
    }

    private static String peerId(LabPeer peer) {
        return peer.status().get("peer_id").asText();
    }
}
