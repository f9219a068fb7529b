package io.netloom.server.audit.history;

import static io.netloom.server.testing.TestData.accountId;
import static io.netloom.server.testing.TestData.beforeNextEvent;
import static io.netloom.server.testing.TestData.createGroup;
import static io.netloom.server.testing.TestData.createPolicy;
import static io.netloom.server.testing.TestData.createToken;
import static io.netloom.server.testing.TestData.createUser;
import static io.netloom.server.testing.TestData.error;
import static io.netloom.server.testing.TestData.ok;
import static io.netloom.server.testing.TestData.policy;
import static io.netloom.server.testing.TestData.rule;
import static io.netloom.server.testing.TestData.serviceUser;
import static io.netloom.server.testing.TestData.userUpdate;
import static io.netloom.server.testing.TestData.with;
import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.domain.ids.AccountId;
import io.netloom.projections.history.AccessFlows;
import io.netloom.projections.history.RoutedFlows;
import io.netloom.projections.networkmap.AccountSnapshot;
import io.netloom.projections.networkmap.NetworkMapCalculator;
import io.netloom.projections.networkmap.NetworkMaps;
import io.netloom.server.testing.NetloomApi;
import io.netloom.server.testing.ServerTest;
import io.netloom.server.testing.TestPeers;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class ReachabilityApiTest extends ServerTest {

    @Autowired
    private NetworkMaps maps;

    @Test
    void reachabilityWhenAskedAtEachStepOfAHistoryThenTheFlowsThePeersHadThen() throws InterruptedException {
        NetloomApi.Client owner = accounts.newAccount();
        AccountId account = new AccountId(accountId(owner));
        String leaverId = createUser(owner, serviceUser("leaver", "admin"));
        NetloomApi.Client leaver = api.as(createToken(owner, leaverId));
        String key = TestPeers.createReusableKey(owner, List.of());
        String laptop = TestPeers.enroll(api.anonymous(), key, "laptop");
        String server = TestPeers.enroll(api.anonymous(), TestPeers.createReusableKey(leaver, List.of()), "server");
        Map<Instant, Set<String>> expected = new LinkedHashMap<>();
        expected.put(caughtUp(account, Set.of()), Set.of());

        String admins = createGroup(owner, "admins", laptop);
        String servers = createGroup(owner, "servers", server);
        ok(owner.post("/api/policies", policy("ssh", true, List.of(with(rule("ssh", List.of(admins), List.of(servers)),
                "bidirectional", false, "protocol", "tcp", "ports", List.of("22"))))));
        Set<String> ssh = Set.of(flow(laptop, server, "tcp", "22"));
        expected.put(caughtUp(account, ssh), ssh);

        String db = TestPeers.enroll(api.anonymous(), key, "db");
        String dbs = createGroup(owner, "dbs", db);
        String database = createPolicy(owner, "db", List.of(admins), List.of(dbs));
        Set<String> both = Set.of(flow(laptop, server, "tcp", "22"), flow(laptop, db, "all", ""),
                flow(db, laptop, "all", ""));
        expected.put(caughtUp(account, both), both);

        ok(owner.put("/api/users/{userId}", userUpdate("admin", true), leaverId));
        Set<String> blocked = Set.of(flow(laptop, db, "all", ""), flow(db, laptop, "all", ""));
        expected.put(caughtUp(account, blocked), blocked);

        ok(owner.put("/api/users/{userId}", userUpdate("admin", false), leaverId));
        ok(owner.delete("/api/policies/{policyId}", database));
        expected.put(caughtUp(account, ssh), ssh);

        expected.forEach((at, flows) -> {
            JsonNode answer = ok(owner.get("/api/netloom/reachability?at={at}", at)).body();
            assertThat(flowsOf(answer)).as("flows at %s", at).isEqualTo(new TreeSet<>(flows));
            assertThat(answer.get("at").asString()).isEqualTo(at.toString());
            assertThat(Instant.parse(answer.get("as_of").get("time").asString())).isBeforeOrEqualTo(at);
        });
        JsonNode dbAtBoth = ok(owner.get("/api/netloom/reachability?at={at}&peer={peer}",
                expected.keySet().toArray()[2], db)).body();
        assertThat(flowsOf(dbAtBoth)).containsExactlyInAnyOrder(flow(laptop, db, "all", ""), flow(db, laptop, "all", ""));
        JsonNode named = dbAtBoth.get("flows").get(0);
        assertThat(Set.of(named.get("source").get("name").asString(), named.get("destination").get("name").asString()))
                .containsExactlyInAnyOrder("laptop", "db");
        assertThat(named.get("source").get("ip").asString()).startsWith("100.");
    }

    @Test
    void reachabilityWhenAPeerReachesANetworkThroughARoutingPeerThenTheRouteIsListed() throws InterruptedException {
        NetloomApi.Client owner = accounts.newAccount();
        AccountId account = new AccountId(accountId(owner));
        String key = TestPeers.createReusableKey(owner, List.of());
        String laptop = TestPeers.enroll(api.anonymous(), key, "laptop");
        String router = TestPeers.enroll(api.anonymous(), key, "router");
        String clients = createGroup(owner, "clients", laptop);
        String routers = createGroup(owner, "routers", router);
        createPolicy(owner, "to the router", List.of(clients), List.of(routers));
        Instant before = caughtUp(account, Set.of(flow(laptop, router, "all", ""), flow(router, laptop, "all", "")));
        ok(owner.post("/api/routes", Map.of("description", "office LAN", "network_id", "office", "enabled", true,
                "peer", router, "network", "198.18.1.0/24", "metric", 100, "masquerade", true,
                "groups", List.of(clients), "keep_route", false)));
        AccountSnapshot live = liveWithRoutes(account);

        JsonNode answer = ok(owner.get("/api/netloom/reachability?peer={peer}", laptop)).body();

        assertThat(answer.get("routes").valueStream().map(ReachabilityApiTest::route).toList())
                .containsExactly(laptop + " -> 198.18.1.0/24 via " + router + " all []");
        assertThat(answer.get("routes").valueStream().map(ReachabilityApiTest::route).toList())
                .containsExactlyElementsOf(RoutedFlows.in(live, NetworkMapCalculator.allMaps(live)).stream()
                        .map(routed -> routed.source().value() + " -> " + routed.network() + " via "
                                + routed.router().value() + " " + routed.protocol() + " " + routed.ports())
                        .toList());
        assertThat(ok(owner.get("/api/netloom/reachability")).body().get("routes")).hasSize(1);
        assertThat(ok(owner.get("/api/netloom/reachability?at={at}", before)).body().get("routes")).isEmpty();
    }

    @Test
    void reachabilityWhenCallerIsAUserThenForbiddenAndWhenAuditorThenAllowed() {
        NetloomApi.Client owner = accounts.newAccount();
        NetloomApi.Client user = api.as(createToken(owner, createUser(owner, serviceUser("plain", "user"))));
        NetloomApi.Client auditor = api.as(createToken(owner, createUser(owner, serviceUser("audit", "auditor"))));

        error(user.get("/api/netloom/reachability"), 403);
        assertThat(ok(auditor.get("/api/netloom/reachability")).body().get("flows")).isEmpty();
        error(api.anonymous().get("/api/netloom/reachability"), 401);
    }

    @Test
    void reachabilityWhenInputBadThenAClearClientError() {
        Instant beforeAccount = beforeNextEvent();
        NetloomApi.Client owner = accounts.newAccount();
        NetloomApi.Client stranger = accounts.newAccount();
        String theirs = TestPeers.enroll(api.anonymous(), TestPeers.createReusableKey(stranger, List.of()), "theirs");
        String mine = TestPeers.enroll(api.anonymous(), TestPeers.createReusableKey(owner, List.of()), "mine");

        assertThat(error(owner.get("/api/netloom/reachability?at=yesterday"), 400).rawBody()).contains("RFC 3339");
        assertThat(error(owner.get("/api/netloom/reachability?at={at}", Instant.now().plusSeconds(3600)), 400)
                .rawBody()).contains("future");
        assertThat(error(owner.get("/api/netloom/reachability?at={at}", beforeAccount), 400).rawBody())
                .contains("before this account existed");
        error(owner.get("/api/netloom/reachability?peer={peer}", theirs), 404);
        error(owner.get("/api/netloom/reachability?peer=no-such-peer"), 404);
        error(owner.get("/api/netloom/reachability?peer={peer}&at={at}", mine, beforeAccount), 400);
        error(owner.get("/api/netloom/reachability?peer="), 400);
        error(owner.get("/api/netloom/reachability?when=now"), 400);
    }

    @Test
    void openApiWhenFetchedThenDocumentsReachability() {
        NetloomApi.Client owner = accounts.newAccount();

        assertThat(ok(owner.get("/api/netloom/openapi")).body().get("paths").has("/api/netloom/reachability")).isTrue();
    }

    private static String flow(String source, String destination, String protocol, String ports) {
        return source + " -> " + destination + " " + protocol + " [" + ports + "]";
    }

    private static TreeSet<String> flowsOf(JsonNode answer) {
        TreeSet<String> flows = new TreeSet<>();
        answer.get("flows").forEach(flow -> flows.add(flow(flow.get("source").get("id").asString(),
                flow.get("destination").get("id").asString(), flow.get("protocol").asString(),
                String.join(",", flow.get("ports").valueStream().map(JsonNode::asString).toList()))));
        return flows;
    }

    private static String route(JsonNode route) {
        return route.get("source").get("id").asString() + " -> " + route.get("network").asString() + " via "
                + route.get("routing_peer").get("id").asString() + " " + route.get("protocol").asString() + " "
                + route.get("ports").valueStream().map(JsonNode::asString).toList();
    }

    /**
     * Waits until the live maps (which follow the store asynchronously) allow exactly {@code flows}, as
     * {@link AccessFlows} reads them, and returns the instant then: what the peers had been sent at that moment.
     */
    private Instant caughtUp(AccountId account, Set<String> flows) throws InterruptedException {
        Set<String> live = Set.of();
        for (int attempt = 0; attempt < 200; attempt++) {
            AccountSnapshot snapshot = maps.snapshot(account).orElse(null);
            if (snapshot != null) {
                live = new TreeSet<>(AccessFlows.all(snapshot).stream().map(flow -> flow(flow.source().value(),
                        flow.destination().value(), flow.protocol(), String.join(",", flow.ports()))).toList());
                if (live.equals(new TreeSet<>(flows))) {
                    return Instant.now();
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the live maps never allowed " + flows + "; they allow " + live);
    }

    private AccountSnapshot liveWithRoutes(AccountId account) throws InterruptedException {
        for (int attempt = 0; attempt < 200; attempt++) {
            AccountSnapshot snapshot = maps.snapshot(account).orElse(null);
            if (snapshot != null && !snapshot.routes().isEmpty()) {
                return snapshot;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the live maps never held the route");
    }
}
