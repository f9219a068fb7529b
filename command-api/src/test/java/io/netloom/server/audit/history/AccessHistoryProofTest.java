package io.netloom.server.audit.history;

import static io.netloom.server.testing.TestData.accountId;
import static io.netloom.server.testing.TestData.createGroup;
import static io.netloom.server.testing.TestData.createToken;
import static io.netloom.server.testing.TestData.createUser;
import static io.netloom.server.testing.TestData.group;
import static io.netloom.server.testing.TestData.ok;
import static io.netloom.server.testing.TestData.policy;
import static io.netloom.server.testing.TestData.serviceUser;
import static io.netloom.server.testing.TestData.userUpdate;
import static io.netloom.server.testing.TestData.with;
import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PeerId;
import io.netloom.gateway.client.GatewayClient;
import io.netloom.projections.history.AccessFlows;
import io.netloom.projections.history.AllowedFlow;
import io.netloom.projections.networkmap.InboundRule;
import io.netloom.projections.networkmap.NetworkMap;
import io.netloom.projections.networkmap.NetworkMaps;
import io.netloom.server.readmodel.ReadModelFreshness;
import io.netloom.server.testing.MapCapturingDevice;
import io.netloom.server.testing.NetloomApi;
import io.netloom.server.testing.ServerTest;
import io.netloom.server.testing.TestData;
import io.netloom.server.testing.TestPeers;
import io.vertx.core.Vertx;
import tools.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The proof the issue asks for: a history built through the API while real devices hold gateway sessions, with
 * the instant after each step recorded once every device holds its new map; then, at each of those instants, the
 * history's answers must equal what the devices had actually been sent. A flow into a device is an inbound rule
 * of the map it held.
 */
class AccessHistoryProofTest extends ServerTest {

    @Autowired
    private AccountHistory history;
    @Autowired
    private NetworkMaps maps;
    @Autowired
    private ReadModelFreshness freshness;

    private final Vertx vertx = Vertx.vertx();
    private final GatewayClient gatewayClient = new GatewayClient(vertx, 8);
    private final List<MapCapturingDevice> devices = new ArrayList<>();

    @AfterEach
    void closeSessions() throws Exception {
        for (MapCapturingDevice device : devices) {
            device.close();
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /**
     * One recorded instant: the maps every connected device held then, and the dry run of the step that led to it
     * (asked just before the step was made), or null.
     */
    private record Moment(String step, Instant at, Map<String, NetworkMap> held, JsonNode dryRun) {
    }

    @Test
    void historyWhenReplayedAtEachRecordedInstantThenEqualsWhatTheDevicesWereSent() throws Exception {
        Scenario scenario = new Scenario();
        List<Moment> moments = scenario.run();

        for (Moment moment : moments) {
            HistoricState state = history.at(scenario.account, moment.at()).orElseThrow();
            for (Map.Entry<String, NetworkMap> device : moment.held().entrySet()) {
                PeerId destination = new PeerId(device.getKey());
                Set<AllowedFlow> replayed = new HashSet<>(AccessFlows.of(state.state().snapshot(), destination).stream()
                        .filter(flow -> flow.destination().equals(destination)).toList());
                assertThat(replayed).as("%s: flows into %s", moment.step(), scenario.names.get(device.getKey()))
                        .isEqualTo(scenario.flowsInto(destination, device.getValue(), state));
            }
        }
        for (Moment moment : moments) {
            for (Map.Entry<String, NetworkMap> device : moment.held().entrySet()) {
                for (String source : scenario.names.keySet()) {
                    if (!source.equals(device.getKey())) {
                        scenario.assertExplainAgrees(moment, source, device.getKey(), device.getValue());
                    }
                }
            }
        }
        for (int i = 1; i < moments.size(); i++) {
            if (moments.get(i).dryRun() != null) {
                scenario.assertDryRunForetold(moments.get(i - 1), moments.get(i));
            }
        }
        for (Moment moment : moments) {
            scenario.assertReachabilityAgrees(moment);
        }
        scenario.assertTimelinesAgree(moments);
        // The devices' maps did change along the way, so the comparison above is not vacuous.
        assertThat(moments).extracting(moment -> scenario.sourcesInto(moment, scenario.database))
                .containsExactly(Set.of(), Set.of("laptop"), Set.of("laptop", "contractor-laptop"), Set.of(),
                        Set.of("laptop", "contractor-laptop"), Set.of("laptop"), Set.of());
    }

    /** The history: an office laptop, a database and a contractor's laptop, and what happens to their access. */
    private final class Scenario {
        final NetloomApi.Client owner = accounts.newAccount();
        final AccountId account = new AccountId(accountId(owner));
        final Map<String, String> names = new HashMap<>();
        final Map<String, MapCapturingDevice> connected = new LinkedHashMap<>();
        final List<Moment> moments = new ArrayList<>();
        MapCapturingDevice laptop;
        MapCapturingDevice database;
        MapCapturingDevice contractorLaptop;

        List<Moment> run() throws Exception {
            String officeKey = TestPeers.createReusableKey(owner, List.of());
            String contractor = createUser(owner, serviceUser("contractor", "admin"));
            String contractorKey = TestPeers.createReusableKey(api.as(createToken(owner, contractor)), List.of());
            laptop = device(officeKey, "laptop");
            database = device(officeKey, "database");
            contractorLaptop = device(contractorKey, "contractor-laptop");
            record("enrolled");

            String engineers = createGroup(owner, "engineers", laptop.peerId);
            String databases = createGroup(owner, "databases", database.peerId);
            Map<String, Object> rule = with(TestData.rule("postgres", List.of(engineers), List.of(databases)),
                    "bidirectional", false, "protocol", "tcp", "ports", List.of("5432"));
            String policyId = ok(owner.post("/api/policies", policy("database access", true, List.of(rule))))
                    .body().get("id").asString();
            record("engineers reach the database on 5432");

            Map<String, Object> joined = group("engineers", List.of(laptop.peerId, contractorLaptop.peerId));
            step("the contractor joins the engineers", change("update_group", engineers, "group", joined),
                    () -> ok(owner.put("/api/groups/{groupId}", joined, engineers)));

            Map<String, Object> disabled = policy("database access", false, List.of(rule));
            step("the policy is disabled", change("update_policy", policyId, "policy", disabled),
                    () -> ok(owner.put("/api/policies/{policyId}", disabled, policyId)));

            Map<String, Object> wider = policy("database access", true,
                    List.of(with(rule, "ports", List.of("22", "5432"))));
            step("the policy is enabled again, with ssh", change("update_policy", policyId, "policy", wider),
                    () -> ok(owner.put("/api/policies/{policyId}", wider, policyId)));

            Map<String, Object> blocked = userUpdate("admin", true);
            step("the contractor is blocked", change("update_user", contractor, "user", blocked), () -> {
                ok(owner.put("/api/users/{userId}", blocked, contractor));
                connected.remove(contractorLaptop.peerId);
            });

            Map<String, Object> left = group("engineers", List.of(contractorLaptop.peerId));
            step("the laptop leaves the engineers", change("update_group", engineers, "group", left),
                    () -> ok(owner.put("/api/groups/{groupId}", left, engineers)));
            return moments;
        }

        MapCapturingDevice device(String setupKey, String hostname) throws Exception {
            MapCapturingDevice device = MapCapturingDevice.enroll(api, setupKey, hostname);
            device.connect(gatewayClient);
            devices.add(device);
            connected.put(device.peerId, device);
            names.put(device.peerId, hostname);
            return device;
        }

        /** Asks for a dry run of the change, makes it for real, and records the moment after it. */
        void step(String step, Map<String, Object> proposed, Runnable real) throws Exception {
            JsonNode dryRun = ok(owner.post("/api/netloom/dry-run", Map.of("changes", List.of(proposed)))).body();
            real.run();
            record(step, dryRun);
        }

        Map<String, Object> change(String op, String id, String kind, Map<String, Object> body) {
            return Map.of("op", op, "id", id, kind, body);
        }

        void record(String step) throws Exception {
            record(step, null);
        }

        /** Waits until every connected device holds the map the live model has for it, then notes the instant. */
        void record(String step, JsonNode dryRun) throws Exception {
            assertThat(freshness.awaitEventsStoredBefore(Duration.ofSeconds(20))).isTrue();
            Map<String, NetworkMap> held = new LinkedHashMap<>();
            for (MapCapturingDevice device : connected.values()) {
                long serial = maps.mapOf(account, new PeerId(device.peerId)).orElseThrow().serial();
                held.put(device.peerId, device.awaitSerial(serial));
            }
            moments.add(new Moment(step, Instant.now(), held, dryRun));
            // The next step's events must be stored strictly after this instant.
            Thread.sleep(2);
        }

        /**
         * The dry run asked before a step foretold what the devices then received: the flows each still-connected
         * device gained and lost, and which of their maps changed.
         */
        void assertDryRunForetold(Moment before, Moment after) {
            for (String device : after.held().keySet()) {
                if (!before.held().containsKey(device)) {
                    continue;
                }
                Set<List<String>> was = heldFlows(before, device);
                Set<List<String>> now = heldFlows(after, device);
                Set<List<String>> gained = new HashSet<>(now);
                gained.removeAll(was);
                Set<List<String>> lost = new HashSet<>(was);
                lost.removeAll(now);
                String context = after.step() + ": into " + names.get(device);
                assertThat(flowsInto(after.dryRun().get("gained"), device)).as("%s, gained", context).isEqualTo(gained);
                assertThat(flowsInto(after.dryRun().get("lost"), device)).as("%s, lost", context).isEqualTo(lost);
                boolean changed = !before.held().get(device).withSerial(0).equals(after.held().get(device).withSerial(0));
                assertThat(ids(after.dryRun().get("maps_changed")).contains(device)).as("%s, map changed", context)
                        .isEqualTo(changed);
            }
        }

        /** The reachability endpoint, asked about the moment, lists exactly the flows the devices' maps let in. */
        void assertReachabilityAgrees(Moment moment) {
            JsonNode answer = ok(owner.get("/api/netloom/reachability?at={at}", moment.at().toString())).body();
            for (String device : moment.held().keySet()) {
                assertThat(flowsInto(answer.get("flows"), device)).as("%s: reachability into %s", moment.step(),
                        names.get(device)).isEqualTo(heldFlows(moment, device));
            }
        }

        /** Each pair's timeline says access existed at a moment exactly when the destination's map let it in. */
        void assertTimelinesAgree(List<Moment> moments) {
            for (String source : names.keySet()) {
                for (String destination : names.keySet()) {
                    if (source.equals(destination)) {
                        continue;
                    }
                    JsonNode intervals = ok(owner.get("/api/netloom/access-history?source={s}&destination={d}",
                            source, destination)).body().get("intervals");
                    for (Moment moment : moments) {
                        if (moment.held().containsKey(destination)) {
                            boolean held = heldFlows(moment, destination).stream()
                                    .anyMatch(flow -> flow.get(0).equals(source));
                            assertThat(openAt(intervals, moment.at())).as("%s: timeline %s -> %s", moment.step(),
                                    names.get(source), names.get(destination)).isEqualTo(held);
                        }
                    }
                }
            }
        }

        private boolean openAt(JsonNode intervals, Instant at) {
            for (JsonNode interval : intervals) {
                Instant since = Instant.parse(interval.get("since").asString());
                JsonNode until = interval.get("until");
                if (!since.isAfter(at) && (until == null || until.isNull() || Instant.parse(until.asString()).isAfter(at))) {
                    return true;
                }
            }
            return false;
        }

        /** The flows into the device as an answer lists them: (source id, protocol, ports). */
        private Set<List<String>> flowsInto(JsonNode flows, String device) {
            Set<List<String>> into = new HashSet<>();
            for (JsonNode flow : flows) {
                if (flow.get("destination").get("id").asString().equals(device)) {
                    List<String> key = new ArrayList<>(List.of(flow.get("source").get("id").asString(),
                            flow.get("protocol").asString()));
                    flow.get("ports").forEach(port -> key.add(port.asString()));
                    into.add(key);
                }
            }
            return into;
        }

        /** The flows the device's held map let in at that moment, in the same form. */
        private Set<List<String>> heldFlows(Moment moment, String device) {
            HistoricState state = history.at(account, moment.at()).orElseThrow();
            Set<List<String>> held = new HashSet<>();
            for (AllowedFlow flow : flowsInto(new PeerId(device), moment.held().get(device), state)) {
                List<String> key = new ArrayList<>(List.of(flow.source().value(), flow.protocol()));
                key.addAll(flow.ports());
                held.add(key);
            }
            return held;
        }

        private static Set<String> ids(JsonNode array) {
            Set<String> ids = new HashSet<>();
            array.forEach(id -> ids.add(id.asString()));
            return ids;
        }

        /** Explain, asked about the moment, agrees with the destination's held map, in general and for tcp 5432. */
        void assertExplainAgrees(Moment moment, String source, String destination, NetworkMap held) {
            String address = history.at(account, moment.at()).orElseThrow().state().peer(new PeerId(source))
                    .orElseThrow().node().hostAddress();
            List<InboundRule> fromSource = held.inboundRules().stream()
                    .filter(rule -> rule.source().equals(address)).toList();
            String context = moment.step() + ": " + names.get(source) + " -> " + names.get(destination);
            assertThat(ok(owner.get("/api/netloom/explain?source={s}&destination={d}&at={at}", source, destination,
                    moment.at().toString())).body().get("allowed").asBoolean())
                    .as("%s, any traffic", context).isEqualTo(!fromSource.isEmpty());
            boolean postgres = fromSource.stream().anyMatch(rule -> (rule.protocol().equals("all")
                    || rule.protocol().equals("tcp")) && (rule.ports().isEmpty() || rule.ports().contains("5432")));
            assertThat(ok(owner.get("/api/netloom/explain?source={s}&destination={d}&protocol=tcp&port=5432&at={at}",
                    source, destination, moment.at().toString())).body().get("allowed").asBoolean())
                    .as("%s, tcp 5432", context).isEqualTo(postgres);
        }

        /** The names of the devices whose traffic the device accepted at that moment. */
        Set<String> sourcesInto(Moment moment, MapCapturingDevice device) {
            Map<String, String> byAddress = new HashMap<>();
            history.at(account, moment.at()).orElseThrow().state().peers().values().forEach(peer ->
                    byAddress.put(peer.node().hostAddress(), names.get(peer.node().id().value())));
            Set<String> sources = new HashSet<>();
            moment.held().get(device.peerId).inboundRules().forEach(rule -> sources.add(byAddress.get(rule.source())));
            return sources;
        }

        /** The flows a device's held map lets in, with sources named by the addresses they had then. */
        Set<AllowedFlow> flowsInto(PeerId destination, NetworkMap map, HistoricState state) {
            Map<String, PeerId> byAddress = new HashMap<>();
            state.state().peers().values().forEach(peer -> byAddress.put(peer.node().hostAddress(), peer.node().id()));
            Set<AllowedFlow> flows = new HashSet<>();
            for (InboundRule rule : map.inboundRules()) {
                flows.add(new AllowedFlow(byAddress.get(rule.source()), destination, rule.protocol(), rule.ports()));
            }
            return flows;
        }
    }
}
