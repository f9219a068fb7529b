package io.netloom.server.api;

import static io.netloom.server.testing.TestData.createGroup;
import static io.netloom.server.testing.TestData.createPolicy;
import static io.netloom.server.testing.TestData.error;
import static io.netloom.server.testing.TestData.groupNamed;
import static io.netloom.server.testing.TestData.ids;
import static io.netloom.server.testing.TestData.ok;
import static io.netloom.server.testing.TestData.peerUpdate;
import static io.netloom.server.testing.TestData.policy;
import static io.netloom.server.testing.TestData.rule;
import static io.netloom.server.testing.TestData.with;
import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.server.testing.Concurrently;
import io.netloom.server.testing.NetloomApi;
import io.netloom.server.testing.ServerTest;
import io.netloom.server.testing.TestData;
import io.netloom.server.testing.TestPeers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class PeersApiTest extends ServerTest {

    @Test
    void listWhenBidirectionalPolicyBetweenTwoGroupsThenOnlyTheirMembersCountEachOther() {
        NetloomApi.Client owner = accounts.newAccount();
        String key = TestPeers.createReusableKey(owner, List.of());
        String a = TestPeers.enroll(api.anonymous(), key, "a");
        String b = TestPeers.enroll(api.anonymous(), key, "b");
        String outsider = TestPeers.enroll(api.anonymous(), key, "outsider");
        String groupA = createGroup(owner, "A", a);
        String groupB = createGroup(owner, "B", b);
        createPolicy(owner, "a to b", List.of(groupA), List.of(groupB));

        Map<String, Integer> counts = accessibleCounts(owner);

        assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of(a, 1, b, 1, outsider, 0));
    }

    @Test
    void listWhenPolicyBetweenAllAndAllThenEveryPeerCountsEveryOther() {
        NetloomApi.Client owner = accounts.newAccount();
        String key = TestPeers.createReusableKey(owner, List.of());
        List<String> peers = List.of(TestPeers.enroll(api.anonymous(), key, "one"),
                TestPeers.enroll(api.anonymous(), key, "two"), TestPeers.enroll(api.anonymous(), key, "three"));
        String all = groupNamed(owner, "All");
        createPolicy(owner, "mesh", List.of(all), List.of(all));

        Map<String, Integer> counts = accessibleCounts(owner);

        assertThat(counts).containsOnlyKeys(peers).allSatisfy((peer, count) -> assertThat(count).isEqualTo(2));
    }

    @Test
    void listWhenPolicyDisabledThenNoPeerIsAccessible() {
        NetloomApi.Client owner = accounts.newAccount();
        String key = TestPeers.createReusableKey(owner, List.of());
        String a = TestPeers.enroll(api.anonymous(), key, "a");
        String b = TestPeers.enroll(api.anonymous(), key, "b");
        String c = TestPeers.enroll(api.anonymous(), key, "c");
        String groupA = createGroup(owner, "A", a);
        String groupB = createGroup(owner, "B", b);
        ok(owner.post("/api/policies", policy("off", false, List.of(rule("r", List.of(groupA), List.of(groupB))))));

        assertThat(accessibleCounts(owner)).containsExactlyInAnyOrderEntriesOf(Map.of(a, 0, b, 0, c, 0));
    }

    @Test
    void listWhenRuleDisabledInEnabledPolicyThenItGrantsNothing() {
        NetloomApi.Client owner = accounts.newAccount();
        String key = TestPeers.createReusableKey(owner, List.of());
        String a = TestPeers.enroll(api.anonymous(), key, "a");
        String b = TestPeers.enroll(api.anonymous(), key, "b");
        String all = groupNamed(owner, "All");
        ok(owner.post("/api/policies", policy("p", true,
                List.of(with(rule("r", List.of(all), List.of(all)), "enabled", false)))));

        assertThat(accessibleCounts(owner)).containsExactlyInAnyOrderEntriesOf(Map.of(a, 0, b, 0));
    }

    @Test
    void listWhenAccountHasNoPeersThenEmpty() {
        NetloomApi.Client owner = accounts.newAccount();

        assertThat(ok(owner.get("/api/peers")).body()).isEmpty();
    }

    @Test
    void getWhenPeerExistsThenItsDetailsAndGroupsAreShown() {
        NetloomApi.Client owner = accounts.newAccount();
        String group = createGroup(owner, "servers");
        String key = TestPeers.createReusableKey(owner, List.of(group));
        String peerId = TestPeers.enroll(api.anonymous(), key, "Web Server");

        JsonNode peer = ok(owner.get("/api/peers/{peerId}", peerId)).body();

        assertThat(peer.get("id").asString()).isEqualTo(peerId);
        assertThat(peer.get("name").asString()).isEqualTo("Web Server");
        assertThat(peer.get("hostname").asString()).isEqualTo("Web Server");
        assertThat(peer.get("os").asString()).isEqualTo("linux");
        assertThat(peer.get("dns_label").asString()).isEqualTo("web-server.netloom.internal");
        assertThat(peer.get("ip").asString()).startsWith("100.");
        assertThat(peer.get("groups").findValuesAsString("id")).containsExactlyInAnyOrder(
                groupNamed(owner, "All"), group);
    }

    @Test
    void getWhenPeerUnknownThenNotFound() {
        NetloomApi.Client owner = accounts.newAccount();
        String unknown = UUID.randomUUID().toString();

        error(owner.get("/api/peers/{peerId}", unknown), 404);
        error(owner.put("/api/peers/{peerId}", peerUpdate("x"), unknown), 404);
        error(owner.delete("/api/peers/{peerId}", unknown), 404);
    }

    @Test
    void updateWhenRenamedThenDnsLabelFollowsTheNewName() {
        NetloomApi.Client owner = accounts.newAccount();
        String peerId = TestPeers.enroll(api.anonymous(), TestPeers.createReusableKey(owner, List.of()), "old-name");

        JsonNode updated = ok(owner.put("/api/peers/{peerId}", peerUpdate("Build Agent 7"), peerId)).body();

        assertThat(updated.get("name").asString()).isEqualTo("Build Agent 7");
        assertThat(updated.get("dns_label").asString()).isEqualTo("build-agent-7.netloom.internal");
        assertThat(ok(owner.get("/api/peers/{peerId}", peerId)).text("dns_label"))
                .isEqualTo("build-agent-7.netloom.internal");
    }

    @Test
    void updateWhenNameOfAnotherPeerThenNameSharedButDnsLabelGetsUniqueSuffix() {
        NetloomApi.Client owner = accounts.newAccount();
        String key = TestPeers.createReusableKey(owner, List.of());
        String web = TestPeers.enroll(api.anonymous(), key, "web");
        String db = TestPeers.enroll(api.anonymous(), key, "db");

        JsonNode renamed = ok(owner.put("/api/peers/{peerId}", peerUpdate("web"), db)).body();

        assertThat(renamed.get("name").asString()).isEqualTo("web");
        assertThat(renamed.get("dns_label").asString()).isEqualTo("web-2.netloom.internal");
        assertThat(ok(owner.get("/api/peers/{peerId}", web)).text("dns_label")).isEqualTo("web.netloom.internal");
    }

    @Test
    void updateWhenSameNameSentAgainThenDnsLabelKept() {
        NetloomApi.Client owner = accounts.newAccount();
        String key = TestPeers.createReusableKey(owner, List.of());
        TestPeers.enroll(api.anonymous(), key, "web");
        String second = TestPeers.enroll(api.anonymous(), key, "web");
        String label = ok(owner.get("/api/peers/{peerId}", second)).text("dns_label");

        JsonNode updated = ok(owner.put("/api/peers/{peerId}", peerUpdate("web"), second)).body();

        assertThat(label).isEqualTo("web-2.netloom.internal");
        assertThat(updated.get("dns_label").asString()).isEqualTo(label);
    }

    @Test
    void updateWhenSettingsChangedThenTheyAreShown() {
        NetloomApi.Client owner = accounts.newAccount();
        String peerId = TestPeers.enroll(api.anonymous(), TestPeers.createReusableKey(owner, List.of()), "p");

        JsonNode updated = ok(owner.put("/api/peers/{peerId}", with(peerUpdate("p"), "ssh_enabled", true,
                "login_expiration_enabled", false, "inactivity_expiration_enabled", true), peerId)).body();

        assertThat(updated.get("ssh_enabled").asBoolean()).isTrue();
        assertThat(updated.get("login_expiration_enabled").asBoolean()).isFalse();
        assertThat(updated.get("inactivity_expiration_enabled").asBoolean()).isTrue();
    }

    @Test
    void updateWhenIpInsideRangeAndFreeThenPeerMovesToIt() {
        NetloomApi.Client owner = accounts.newAccount();
        String key = TestPeers.createReusableKey(owner, List.of());
        String peerId = TestPeers.enroll(api.anonymous(), key, "p");
        String other = TestPeers.enroll(api.anonymous(), key, "q");
        String target = freeAddress(owner.get("/api/peers/{peerId}", peerId).text("ip"),
                owner.get("/api/peers/{peerId}", other).text("ip"));

        JsonNode updated = ok(owner.put("/api/peers/{peerId}", with(peerUpdate("p"), "ip", target), peerId)).body();

        assertThat(updated.get("ip").asString()).isEqualTo(target);
        assertThat(ok(owner.get("/api/peers/{peerId}", peerId)).text("ip")).isEqualTo(target);
    }

    @Test
    void updateWhenIpOutsideAccountNetworkThenUnprocessableAndIpUnchanged() {
        NetloomApi.Client owner = accounts.newAccount();
        String peerId = TestPeers.enroll(api.anonymous(), TestPeers.createReusableKey(owner, List.of()), "p");
        String before = owner.get("/api/peers/{peerId}", peerId).text("ip");

        error(owner.put("/api/peers/{peerId}", with(peerUpdate("p"), "ip", "10.0.0.5"), peerId), 422);
        error(owner.put("/api/peers/{peerId}", with(peerUpdate("p"), "ip", "100.128.0.1"), peerId), 422);
        error(owner.put("/api/peers/{peerId}", with(peerUpdate("p"), "ip", "not-an-ip"), peerId), 422);
        error(owner.put("/api/peers/{peerId}", with(peerUpdate("p"), "ip", "100.64.0.0"), peerId), 422);
        error(owner.put("/api/peers/{peerId}", with(peerUpdate("p"), "ip", "100.127.255.255"), peerId), 422);

        assertThat(ok(owner.get("/api/peers/{peerId}", peerId)).text("ip")).isEqualTo(before);
    }

    @Test
    void updateWhenIpTakenByAnotherPeerThenConflictAndNothingChanged() {
        NetloomApi.Client owner = accounts.newAccount();
        String key = TestPeers.createReusableKey(owner, List.of());
        String peerId = TestPeers.enroll(api.anonymous(), key, "p");
        String other = TestPeers.enroll(api.anonymous(), key, "q");
        String before = owner.get("/api/peers/{peerId}", peerId).text("ip");
        String taken = owner.get("/api/peers/{peerId}", other).text("ip");

        NetloomApi.Response response =
                owner.put("/api/peers/{peerId}", with(peerUpdate("renamed"), "ip", taken), peerId);

        error(response, 409);
        assertThat(response.text("message")).contains(taken);
        JsonNode after = ok(owner.get("/api/peers/{peerId}", peerId)).body();
        assertThat(after.get("ip").asString()).isEqualTo(before);
        assertThat(after.get("name").asString()).isEqualTo("p");
    }

    @Test
    void updateWhenIpIsThePeersOwnThenAccepted() {
        NetloomApi.Client owner = accounts.newAccount();
        String peerId = TestPeers.enroll(api.anonymous(), TestPeers.createReusableKey(owner, List.of()), "p");
        String own = owner.get("/api/peers/{peerId}", peerId).text("ip");

        JsonNode updated = ok(owner.put("/api/peers/{peerId}", with(peerUpdate("p"), "ip", own), peerId)).body();

        assertThat(updated.get("ip").asString()).isEqualTo(own);
    }

    @Test
    void updateWhenOldIpOfMovedPeerRequestedThenItIsFreeAgain() {
        NetloomApi.Client owner = accounts.newAccount();
        String key = TestPeers.createReusableKey(owner, List.of());
        String first = TestPeers.enroll(api.anonymous(), key, "first");
        String second = TestPeers.enroll(api.anonymous(), key, "second");
        String firstIp = owner.get("/api/peers/{peerId}", first).text("ip");
        String secondIp = owner.get("/api/peers/{peerId}", second).text("ip");
        ok(owner.put("/api/peers/{peerId}", with(peerUpdate("first"), "ip", freeAddress(firstIp, secondIp)), first));

        JsonNode moved = ok(owner.put("/api/peers/{peerId}", with(peerUpdate("second"), "ip", firstIp), second)).body();

        assertThat(moved.get("ip").asString()).isEqualTo(firstIp);
    }

    @Test
    void deleteWhenPeerIsInGroupsThenItDisappearsFromPeersAndGroups() {
        NetloomApi.Client owner = accounts.newAccount();
        String group = createGroup(owner, "servers");
        String key = TestPeers.createReusableKey(owner, List.of(group));
        String doomed = TestPeers.enroll(api.anonymous(), key, "doomed");
        String survivor = TestPeers.enroll(api.anonymous(), key, "survivor");

        ok(owner.delete("/api/peers/{peerId}", doomed));

        assertThat(ids(owner.get("/api/peers"))).containsExactly(survivor);
        error(owner.get("/api/peers/{peerId}", doomed), 404);
        for (String groupId : List.of(group, groupNamed(owner, "All"))) {
            JsonNode shown = ok(owner.get("/api/groups/{groupId}", groupId)).body();
            assertThat(shown.get("peers").findValuesAsString("id")).containsExactly(survivor);
            assertThat(shown.get("peers_count").asInt()).isEqualTo(1);
        }
        error(owner.delete("/api/peers/{peerId}", doomed), 404);
    }

    @Test
    void deleteWhenPeerDeletedThenItsIpAndLabelCanBeReused() {
        NetloomApi.Client owner = accounts.newAccount();
        String key = TestPeers.createReusableKey(owner, List.of());
        String doomed = TestPeers.enroll(api.anonymous(), key, "reused");
        String ip = owner.get("/api/peers/{peerId}", doomed).text("ip");
        String other = TestPeers.enroll(api.anonymous(), key, "other");
        ok(owner.delete("/api/peers/{peerId}", doomed));

        JsonNode renamed = ok(owner.put("/api/peers/{peerId}", with(peerUpdate("reused"), "ip", ip), other)).body();

        assertThat(renamed.get("ip").asString()).isEqualTo(ip);
        assertThat(renamed.get("dns_label").asString()).isEqualTo("reused.netloom.internal");
    }

    @Test
    void updateWhenTwoPeersMovedToOneFreeAddressConcurrentlyThenOneMovesAndTheOtherChangesNothing() {
        NetloomApi.Client owner = accounts.newAccount();
        String key = TestPeers.createReusableKey(owner, List.of());
        for (int trial = 0; trial < 5; trial++) {
            List<String> racers = List.of(TestPeers.enroll(api.anonymous(), key, "p" + trial),
                    TestPeers.enroll(api.anonymous(), key, "q" + trial));
            Map<String, JsonNode> before = new HashMap<>();
            racers.forEach(peer -> before.put(peer, ok(owner.get("/api/peers/{peerId}", peer)).body()));
            String target = freeAddress(ok(owner.get("/api/peers")).body().valueStream()
                    .map(peer -> peer.get("ip").asString()).toArray(String[]::new));

            List<NetloomApi.Response> answers = Concurrently.run(2, racer -> owner.put("/api/peers/{peerId}",
                    with(peerUpdate("moved " + racer), "ip", target), racers.get(racer)));

            assertThat(answers).extracting(NetloomApi.Response::status).containsExactlyInAnyOrder(200, 409);
            int loser = answers.get(0).status() == 409 ? 0 : 1;
            assertThat(error(answers.get(loser), 409).text("message")).contains(target);
            JsonNode unchanged = ok(owner.get("/api/peers/{peerId}", racers.get(loser))).body();
            assertThat(unchanged.get("ip").asString()).isEqualTo(before.get(racers.get(loser)).get("ip").asString());
            assertThat(unchanged.get("name").asString()).isEqualTo(before.get(racers.get(loser)).get("name").asString());
            assertThat(ok(owner.get("/api/peers/{peerId}", racers.get(1 - loser))).text("ip")).isEqualTo(target);
        }
        List<String> ips = ok(owner.get("/api/peers")).body().valueStream().map(peer -> peer.get("ip").asString())
                .toList();
        assertThat(ips).doesNotHaveDuplicates();
    }

    @Test
    void updateWhenPeersRenamedToOneNameConcurrentlyThenEveryLabelDistinct() {
        NetloomApi.Client owner = accounts.newAccount();
        String key = TestPeers.createReusableKey(owner, List.of());
        List<String> peers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            peers.add(TestPeers.enroll(api.anonymous(), key, "node " + i));
        }

        List<NetloomApi.Response> answers = Concurrently.run(peers.size(),
                racer -> owner.put("/api/peers/{peerId}", peerUpdate("web"), peers.get(racer)));

        assertThat(answers).allSatisfy(TestData::ok);
        List<String> labels = ok(owner.get("/api/peers")).body().valueStream()
                .map(peer -> peer.get("dns_label").asString()).toList();
        assertThat(labels).hasSize(6).doesNotHaveDuplicates().contains("web.netloom.internal");
    }

    private static Map<String, Integer> accessibleCounts(NetloomApi.Client client) {
        Map<String, Integer> counts = new HashMap<>();
        ok(client.get("/api/peers")).body().valueStream().forEach(peer ->
                counts.put(peer.get("id").asString(), peer.get("accessible_peers_count").asInt()));
        return counts;
    }

    /** An address of the default network 100.64.0.0/10 that none of the given ones is. */
    private static String freeAddress(String... taken) {
        for (int host = 10; ; host++) {
            String candidate = "100.64.1." + host;
            if (!List.of(taken).contains(candidate)) {
                return candidate;
            }
        }
    }
}
