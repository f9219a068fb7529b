package io.netloom.server.audit.history;

import static io.netloom.server.testing.TestData.accountId;
import static io.netloom.server.testing.TestData.createGroup;
import static io.netloom.server.testing.TestData.createPolicy;
import static io.netloom.server.testing.TestData.createToken;
import static io.netloom.server.testing.TestData.createUser;
import static io.netloom.server.testing.TestData.error;
import static io.netloom.server.testing.TestData.group;
import static io.netloom.server.testing.TestData.ok;
import static io.netloom.server.testing.TestData.policy;
import static io.netloom.server.testing.TestData.rule;
import static io.netloom.server.testing.TestData.serviceUser;
import static io.netloom.server.testing.TestData.userUpdate;
import static io.netloom.server.testing.TestData.with;
import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PeerId;
import io.netloom.projections.history.AccessFlows;
import io.netloom.projections.history.AllowedFlow;
import io.netloom.projections.networkmap.AccountSnapshot;
import io.netloom.projections.networkmap.NetworkMap;
import io.netloom.projections.networkmap.NetworkMaps;
import io.netloom.server.testing.NetloomApi;
import io.netloom.server.testing.ServerTest;
import io.netloom.server.testing.TestPeers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * POST /api/netloom/dry-run: each kind of change is tried, then made for real through its endpoint, and the dry
 * run's answer must be what the live maps then did: the flows gained and lost (read off the live model before
 * and after) and the peers whose live map changed (their serials moved).
 */
class DryRunApiTest extends ServerTest {

    private static final String DRY_RUN = "/api/netloom/dry-run";

    @Autowired
    private NetworkMaps maps;

    @Autowired
    private AccountHistory history;

    @Autowired
    private JdbcTemplate jdbc;

    private NetloomApi.Client owner;
    private AccountId account;
    private String laptop;
    private String server;
    private String admins;
    private String servers;

    @BeforeEach
    void createAccountWithTwoPeersInTwoGroups() {
        owner = accounts.newAccount();
        account = new AccountId(accountId(owner));
        String key = TestPeers.createReusableKey(owner, List.of());
        laptop = TestPeers.enroll(api.anonymous(), key, "laptop");
        server = TestPeers.enroll(api.anonymous(), key, "server");
        admins = createGroup(owner, "admins", laptop);
        servers = createGroup(owner, "servers", server);
    }

    @Test
    void dryRunWhenPolicyCreatedThenPredictsTheFlowsAndMapsOfTheRealCreation() {
        Map<String, Object> ssh = policy("ssh", true, List.of(sshRule(List.of(admins), List.of(servers))));

        JsonNode predicted = assertPredicts(change("create_policy", null, "policy", ssh),
                () -> ok(owner.post("/api/policies", ssh)));

        assertThat(flows(predicted.get("gained"))).containsExactly(laptop + "->" + server + " tcp [22]");
        assertThat(predicted.get("gained").get(0).get("source").get("name").asString()).isEqualTo("laptop");
        assertThat(predicted.get("lost")).isEmpty();
        assertThat(strings(predicted.get("maps_changed"))).containsExactlyInAnyOrder(laptop, server);
        assertThat(predicted.get("changes_applied").asInt()).isEqualTo(1);
    }

    @Test
    void dryRunWhenPolicyUpdatedThenPredictsTheRealUpdate() {
        String id = createPolicy(owner, "all", List.of(admins), List.of(servers));
        Map<String, Object> https = policy("all", true, List.of(with(sshRule(List.of(admins), List.of(servers)),
                "ports", List.of("443"))));

        JsonNode predicted = assertPredicts(change("update_policy", id, "policy", https),
                () -> ok(owner.put("/api/policies/{policyId}", https, id)));

        assertThat(flows(predicted.get("gained"))).containsExactly(laptop + "->" + server + " tcp [443]");
        assertThat(flows(predicted.get("lost"))).containsExactlyInAnyOrder(laptop + "->" + server + " all []",
                server + "->" + laptop + " all []");
    }

    @Test
    void dryRunWhenPolicyDeletedThenPredictsTheRealDeletion() {
        String id = createPolicy(owner, "all", List.of(admins), List.of(servers));

        JsonNode predicted = assertPredicts(change("delete_policy", id, null, null),
                () -> ok(owner.delete("/api/policies/{policyId}", id)));

        assertThat(predicted.get("lost")).hasSize(2);
        assertThat(strings(predicted.get("maps_changed"))).containsExactlyInAnyOrder(laptop, server);
    }

    @Test
    void dryRunWhenGroupMembershipChangedThenPredictsTheRealUpdate() {
        createPolicy(owner, "all", List.of(admins), List.of(servers));
        String key = TestPeers.createReusableKey(owner, List.of());
        String desktop = TestPeers.enroll(api.anonymous(), key, "desktop");
        Map<String, Object> moved = group("admins", List.of(desktop));

        JsonNode predicted = assertPredicts(change("update_group", admins, "group", moved),
                () -> ok(owner.put("/api/groups/{groupId}", moved, admins)));

        assertThat(flows(predicted.get("gained"))).contains(desktop + "->" + server + " all []");
        assertThat(flows(predicted.get("lost"))).contains(laptop + "->" + server + " all []");
    }

    @Test
    void dryRunWhenRouteCreatedUpdatedAndDeletedThenPredictsEachRealChange() {
        Map<String, Object> lan = route("198.18.5.0/24", 100);
        assertPredicts(change("create_route", null, "route", lan), () -> ok(owner.post("/api/routes", lan)));
        String id = ok(owner.get("/api/routes")).body().get(0).get("id").asString();

        Map<String, Object> wider = route("198.18.0.0/16", 100);
        JsonNode updated = assertPredicts(change("update_route", id, "route", wider),
                () -> ok(owner.put("/api/routes/{routeId}", wider, id)));
        assertThat(strings(updated.get("maps_changed"))).as("the routing peer serves another prefix")
                .contains(server);

        assertPredicts(change("delete_route", id, null, null), () -> ok(owner.delete("/api/routes/{routeId}", id)));
    }

    @Test
    void dryRunWhenUserBlockedAndUnblockedThenPredictsEachRealChange() {
        createPolicy(owner, "all", List.of(admins), List.of(servers));
        String adminId = createUser(owner, serviceUser("ops", "admin"));
        NetloomApi.Client admin = api.as(createToken(owner, adminId));
        String box = TestPeers.enroll(api.anonymous(), TestPeers.createReusableKey(admin, List.of()), "box");
        ok(owner.put("/api/groups/{groupId}", group("admins", List.of(laptop, box)), admins));
        Map<String, Object> block = userUpdate("admin", true);

        JsonNode blocked = assertPredicts(change("update_user", adminId, "user", block),
                () -> ok(owner.put("/api/users/{userId}", block, adminId)));
        assertThat(flows(blocked.get("lost"))).containsExactlyInAnyOrder(box + "->" + server + " all []",
                server + "->" + box + " all []");
        assertThat(strings(blocked.get("maps_changed"))).containsExactlyInAnyOrder(box, server);

        Map<String, Object> unblock = userUpdate("admin", false);
        JsonNode unblocked = assertPredicts(change("update_user", adminId, "user", unblock),
                () -> ok(owner.put("/api/users/{userId}", unblock, adminId)));
        assertThat(unblocked.get("gained")).hasSize(2);
    }

    @Test
    void dryRunWhenSeveralChangesThenAppliedInOrder() {
        String id = createPolicy(owner, "all", List.of(admins), List.of(servers));
        Map<String, Object> ssh = policy("ssh", true, List.of(sshRule(List.of(admins), List.of(servers))));
        waitUntilLiveMapsCaughtUp();

        JsonNode predicted = ok(owner.post(DRY_RUN, Map.of("changes", List.of(change("delete_policy", id, null, null),
                change("create_policy", null, "policy", ssh))))).body();

        assertThat(flows(predicted.get("gained"))).containsExactly(laptop + "->" + server + " tcp [22]");
        assertThat(predicted.get("lost")).hasSize(2);
        assertThat(predicted.get("changes_applied").asInt()).isEqualTo(2);
        assertThat(error(owner.post(DRY_RUN, Map.of("changes", List.of(change("delete_policy", id, null, null),
                change("delete_policy", id, null, null)))), 404).text("message")).startsWith("changes[1]: ");
    }

    @Test
    void dryRunWhenCallerIsAUserThenForbiddenAndWhenAuditorThenAnswered() {
        NetloomApi.Client user = api.as(createToken(owner, createUser(owner, serviceUser("plain", "user"))));
        NetloomApi.Client auditor = api.as(createToken(owner, createUser(owner, serviceUser("audit", "auditor"))));
        Map<String, Object> body = Map.of("changes", List.of(change("create_policy", null, "policy",
                policy("ssh", true, List.of(sshRule(List.of(admins), List.of(servers)))))));

        error(user.post(DRY_RUN, body), 403);
        error(api.anonymous().post(DRY_RUN, body), 401);
        assertThat(ok(auditor.post(DRY_RUN, body)).body().get("gained")).hasSize(1);
    }

    @Test
    void dryRunWhenAChangeIsMalformedThenRefusedNamingItsIndexAndNothingChanges() {
        waitUntilLiveMapsCaughtUp();
        long events = eventCount();
        Map<String, Object> valid = change("create_policy", null, "policy",
                policy("ssh", true, List.of(sshRule(List.of(admins), List.of(servers)))));
        Map<String, Object> unknownGroup = change("create_policy", null, "policy",
                policy("x", true, List.of(sshRule(List.of("no-such-group"), List.of(servers)))));
        Map<String, Object> badPort = change("create_policy", null, "policy",
                policy("x", true, List.of(with(sshRule(List.of(admins), List.of(servers)), "ports", List.of("ssh")))));

        assertRefused(List.of(valid, unknownGroup), 422, "changes[1]: group no-such-group does not exist");
        assertRefused(List.of(valid, valid, badPort), 422, "changes[2]: port \"ssh\" is not a number");
        assertRefused(List.of(change("create_policy", null, null, null)), 422, "changes[0]: policy is required");
        assertRefused(List.of(change("drop_tables", null, null, null)), 422, "changes[0]: op must be one of");
        assertRefused(List.of(valid, change("update_policy", "0b5d3a4e-6f1c-4c7e-9a55-1d2e3f405162", "policy",
                policy("x", true, List.of()))), 404, "changes[1]: policy not found");
        assertRefused(List.of(change("update_group", "0b5d3a4e-6f1c-4c7e-9a55-1d2e3f405162", "group",
                group("x", List.of()))), 404, "changes[0]: group not found");
        assertRefused(List.of(change("update_user", "0b5d3a4e-6f1c-4c7e-9a55-1d2e3f405162", "user",
                userUpdate("user", true))), 404, "changes[0]: user not found");
        assertRefused(List.of(change("delete_route", "0b5d3a4e-6f1c-4c7e-9a55-1d2e3f405162", null, null)), 404,
                "changes[0]: route not found");
        assertRefused(List.of(change("update_group", admins, "group", group("admins", List.of("ghost")))), 422,
                "changes[0]: peer ghost does not exist");
        assertRefused(List.of(), 422, "changes must list at least one change");
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            tooMany.add(valid);
        }
        assertRefused(tooMany, 422, "at most 100 changes");
        Map<String, Object> wrongType = Map.of("op", "create_policy", "policy", Map.of("enabled", "yes"));
        assertThat(error(owner.post(DRY_RUN, Map.of("changes", List.of(valid, wrongType))), 400).text("message"))
                .startsWith("changes[1].policy.enabled: ");

        assertThat(eventCount()).isEqualTo(events);
        assertThat(ok(owner.get("/api/policies")).body()).isEmpty();
    }

    // ---- the comparison with the real change

    /**
     * Runs the dry run, checks that it stored nothing and changed no map, makes the change for real, waits for
     * the live maps, and requires the dry run's answer to equal what the live model did.
     */
    private JsonNode assertPredicts(Map<String, Object> change, Runnable realChange) {
        AccountSnapshot before = waitUntilLiveMapsCaughtUp();
        Map<PeerId, NetworkMap> mapsBefore = liveMaps();
        long events = eventCount();

        JsonNode predicted = ok(owner.post(DRY_RUN, Map.of("changes", List.of(change)))).body();

        assertThat(eventCount()).as("events after a dry run").isEqualTo(events);
        assertThat(maps.snapshot(account).orElseThrow()).as("live inputs after a dry run").isEqualTo(before);
        assertThat(liveMaps()).as("live maps after a dry run").isEqualTo(mapsBefore);

        realChange.run();
        AccountSnapshot after = waitUntilLiveMapsCaughtUp();
        Map<PeerId, NetworkMap> mapsAfter = liveMaps();

        Set<String> flowsBefore = flowNames(AccessFlows.all(before));
        Set<String> flowsAfter = flowNames(AccessFlows.all(after));
        assertThat(flows(predicted.get("gained"))).as("gained").containsExactlyInAnyOrderElementsOf(
                difference(flowsAfter, flowsBefore));
        assertThat(flows(predicted.get("lost"))).as("lost").containsExactlyInAnyOrderElementsOf(
                difference(flowsBefore, flowsAfter));
        Set<String> changed = new HashSet<>();
        mapsAfter.forEach((peer, map) -> {
            NetworkMap was = mapsBefore.get(peer);
            if (was == null || was.serial() != map.serial()) {
                changed.add(peer.value());
            }
        });
        assertThat(strings(predicted.get("maps_changed"))).as("maps changed").containsExactlyInAnyOrderElementsOf(
                changed);
        return predicted;
    }

    /**
     * The live maps follow the store asynchronously: they have caught up when their inputs equal those replayed
     * from every stored event.
     */
    private AccountSnapshot waitUntilLiveMapsCaughtUp() {
        AccountSnapshot live = null;
        for (int attempt = 0; attempt < 200; attempt++) {
            live = maps.snapshot(account).orElse(null);
            AccountSnapshot stored = history.at(account, Instant.now()).orElseThrow().state().snapshot();
            if (stored.equals(live)) {
                return live;
            }
            sleep();
        }
        throw new AssertionError("the live maps never caught up: " + live);
    }

    private Map<PeerId, NetworkMap> liveMaps() {
        Map<PeerId, NetworkMap> all = new HashMap<>();
        maps.snapshot(account).orElseThrow().peers().keySet()
                .forEach(peer -> all.put(peer, maps.mapOf(account, peer).orElseThrow()));
        return all;
    }

    private long eventCount() {
        return jdbc.queryForObject("SELECT count(*) FROM event_chain WHERE account_id = ?", Long.class,
                account.value());
    }

    private void assertRefused(List<Map<String, Object>> changes, int status, String messageStart) {
        assertThat(error(owner.post(DRY_RUN, Map.of("changes", changes)), status).text("message"))
                .startsWith(messageStart);
    }

    // ---- request bodies and reading answers

    private static Map<String, Object> change(String op, String id, String kind, Object body) {
        Map<String, Object> change = new HashMap<>();
        change.put("op", op);
        if (id != null) {
            change.put("id", id);
        }
        if (kind != null) {
            change.put(kind, body);
        }
        return change;
    }

    private static Map<String, Object> sshRule(List<String> sources, List<String> destinations) {
        return with(rule("ssh", sources, destinations), "protocol", "tcp", "bidirectional", false,
                "ports", List.of("22"));
    }

    private Map<String, Object> route(String network, int metric) {
        return Map.of("description", "office LAN", "network_id", "office", "enabled", true, "peer", server,
                "network", network, "metric", metric, "masquerade", true, "groups", List.of(admins),
                "keep_route", false);
    }

    private static List<String> flows(JsonNode flows) {
        return flows.valueStream().map(flow -> flow.get("source").get("id").asString() + "->"
                + flow.get("destination").get("id").asString() + " " + flow.get("protocol").asString() + " "
                + strings(flow.get("ports"))).toList();
    }

    private static Set<String> flowNames(List<AllowedFlow> flows) {
        return flows.stream().map(flow -> flow.source().value() + "->" + flow.destination().value() + " "
                + flow.protocol() + " " + flow.ports()).collect(Collectors.toSet());
    }

    private static Set<String> difference(Set<String> from, Set<String> minus) {
        Set<String> left = new HashSet<>(from);
        left.removeAll(minus);
        return left;
    }

    private static List<String> strings(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new AssertionError(interrupted);
        }
    }
}
