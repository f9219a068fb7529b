package io.netloom.server.api;

import static io.netloom.server.testing.TestData.createGroup;
import static io.netloom.server.testing.TestData.ok;
import static io.netloom.server.testing.TestData.with;
import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.server.testing.Concurrently;
import io.netloom.server.testing.NetloomApi;
import io.netloom.server.testing.ServerTest;
import io.netloom.server.testing.TestPeers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Enrollments racing each other: uniqueness and usage limits must hold without any caller seeing a 5xx. */
class EnrollmentRaceTest extends ServerTest {

    private static final int TRIALS = 10;
    private static final int CALLERS = 8;

    @Test
    void enrollWhenSameDeviceEnrollsConcurrentlyThenExactlyOnePeerAndEveryCallerGetsItOrConflict() {
        List<Integer> peersPerTrial = new ArrayList<>();
        for (int trial = 0; trial < TRIALS; trial++) {
            NetloomApi.Client owner = accounts.newAccount();
            String key = TestPeers.createReusableKey(owner, List.of());
            Map<String, Object> device = TestPeers.enrollment(key, TestPeers.newPublicKey(), "twin");

            List<NetloomApi.Response> answers = Concurrently.run(CALLERS,
                    caller -> api.anonymous().post("/api/netloom/enroll", device));

            JsonNode peers = ok(owner.get("/api/peers")).body();
            peersPerTrial.add(peers.size());
            if (peers.size() != 1) {
                continue;
            }
            String peerId = peers.get(0).get("id").asString();
            assertThat(peers.get(0).get("dns_label").asString()).isEqualTo("twin.netloom.internal");
            for (NetloomApi.Response answer : answers) {
                if (answer.status() == 200) {
                    assertThat(answer.text("peer_id")).isEqualTo(peerId);
                    assertThat(answer.text("overlay_ip")).isEqualTo(peers.get(0).get("ip").asString());
                } else {
                    assertThat(answer.status()).as("refusal %s", answer.rawBody()).isEqualTo(409);
                    assertThat(answer.body().get("code").asInt()).isEqualTo(409);
                }
            }
            assertThat(answers).anySatisfy(answer -> assertThat(answer.status()).isEqualTo(200));
            assertThat(ok(owner.get("/api/setup-keys")).body().get(0).get("used_times").asInt()).isEqualTo(1);
        }
        assertThat(peersPerTrial).as("peers stored per trial of %d identical enrollments", CALLERS)
                .containsOnly(1);
    }

    /** A one-off key: the winner uses it up, and the others must still get the device's peer back. */
    @Test
    void enrollWhenSameDeviceEnrollsConcurrentlyWithOneOffKeyThenOnePeerAndNoDeadlock() {
        List<Integer> peersPerTrial = new ArrayList<>();
        for (int trial = 0; trial < TRIALS; trial++) {
            NetloomApi.Client owner = accounts.newAccount();
            String key = ok(owner.post("/api/setup-keys", with(TestPeers.reusableKey("once", List.of()),
                    "type", "one-off", "usage_limit", 1))).text("key");
            Map<String, Object> device = TestPeers.enrollment(key, TestPeers.newPublicKey(), "twin");

            List<NetloomApi.Response> answers = Concurrently.run(CALLERS,
                    caller -> api.anonymous().post("/api/netloom/enroll", device));

            JsonNode peers = ok(owner.get("/api/peers")).body();
            peersPerTrial.add(peers.size());
            assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).as(answer.rawBody()).isIn(200, 409));
            assertThat(peers.get(0).get("dns_label").asString()).isEqualTo("twin.netloom.internal");
            assertThat(answers).filteredOn(answer -> answer.status() == 200).extracting(answer -> answer.text("peer_id"))
                    .containsOnly(peers.get(0).get("id").asString());
            assertThat(ok(owner.get("/api/setup-keys")).body().get(0).get("used_times").asInt()).isEqualTo(1);
        }
        assertThat(peersPerTrial).containsOnly(1);
    }

    /** The refused enrollments had added their peers to the key's group before the limit stopped them. */
    @Test
    void enrollWhenTwentyDevicesRaceForFiveUsesThenFivePeersAndFifteenRefusalsThatLeaveNothing() {
        NetloomApi.Client owner = accounts.newAccount();
        String group = createGroup(owner, "fleet");
        String key = ok(owner.post("/api/setup-keys", with(TestPeers.reusableKey("five", List.of(group)),
                "usage_limit", 5))).text("key");

        List<NetloomApi.Response> answers = Concurrently.run(20, caller -> api.anonymous()
                .post("/api/netloom/enroll", TestPeers.enrollment(key, TestPeers.newPublicKey(), "device " + caller)));

        Map<Integer, Long> statuses = answers.stream()
                .collect(Collectors.groupingBy(NetloomApi.Response::status, Collectors.counting()));
        assertThat(statuses).isEqualTo(Map.of(200, 5L, 412, 15L));
        assertThat(answers).filteredOn(answer -> answer.status() == 412)
                .allSatisfy(refusal -> assertThat(refusal.text("message")).isEqualTo("setup key usage limit reached"));
        assertThat(ok(owner.get("/api/peers")).body()).hasSize(5);
        assertThat(ok(owner.get("/api/setup-keys")).body().get(0).get("used_times").asInt()).isEqualTo(5);
        assertThat(ok(owner.get("/api/groups/{groupId}", group)).body().get("peers_count").asInt()).isEqualTo(5);
        TestPeers.enroll(api.anonymous(), TestPeers.createReusableKey(owner, List.of(group)), "one more");
        assertThat(ok(owner.get("/api/groups/{groupId}", group)).body().get("peers_count").asInt()).isEqualTo(6);
    }

    @Test
    void enrollWhenManyDevicesWithOneHostnameConcurrentlyThenNoAddressOrLabelShared() {
        NetloomApi.Client owner = accounts.newAccount();
        String key = TestPeers.createReusableKey(owner, List.of());

        List<NetloomApi.Response> answers = Concurrently.run(24, caller -> api.anonymous()
                .post("/api/netloom/enroll", TestPeers.enrollment(key, TestPeers.newPublicKey(), "laptop")));

        assertThat(answers).allSatisfy(answer -> ok(answer));
        JsonNode peers = ok(owner.get("/api/peers")).body();
        Set<String> ips = peers.valueStream().map(peer -> peer.get("ip").asString()).collect(Collectors.toSet());
        Set<String> labels = peers.valueStream().map(peer -> peer.get("dns_label").asString())
                .collect(Collectors.toSet());
        assertThat(peers).hasSize(24);
        assertThat(ips).hasSize(24);
        assertThat(labels).hasSize(24).contains("laptop.netloom.internal");
    }
}
