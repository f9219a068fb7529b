package io.netloom.server.api;

import static io.netloom.server.testing.TestData.accountId;
import static io.netloom.server.testing.TestData.createGroup;
import static io.netloom.server.testing.TestData.error;
import static io.netloom.server.testing.TestData.groupNamed;
import static io.netloom.server.testing.TestData.ok;
import static io.netloom.server.testing.TestData.policy;
import static io.netloom.server.testing.TestData.rule;
import static io.netloom.server.testing.TestData.with;
import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.server.testing.NetloomApi;
import io.netloom.server.testing.ServerTest;
import io.netloom.server.testing.TestPeers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class PeerNetworkApiTest extends ServerTest {

    @Test
    void networkMapWhenOneWayTcpRuleThenDestinationAcceptsSourceOnThatPort() {
        NetloomApi.Client owner = accounts.newAccount();
        String key = TestPeers.createReusableKey(owner, List.of());
        String publicKeyA = TestPeers.newPublicKey();
        String a = ok(api.anonymous().post("/api/netloom/enroll", TestPeers.enrollment(key, publicKeyA, "laptop")))
                .text("peer_id");
        String b = TestPeers.enroll(api.anonymous(), key, "db");
        String ipA = owner.get("/api/peers/{peerId}", a).text("ip");
        String ipB = owner.get("/api/peers/{peerId}", b).text("ip");
        String devs = createGroup(owner, "devs", a);
        String servers = createGroup(owner, "servers", b);
        ok(owner.post("/api/policies", policy("ssh", true, List.of(with(rule("ssh", List.of(devs), List.of(servers)),
                "bidirectional", false, "protocol", "tcp", "ports", List.of("22"))))));

        JsonNode mapOfB = ok(owner.get("/api/peers/{peerId}/network-map", b)).body();
        JsonNode mapOfA = ok(owner.get("/api/peers/{peerId}/network-map", a)).body();

        assertThat(mapOfB.get("config").get("address").asString()).isEqualTo(ipB + "/10");
        assertThat(mapOfB.get("config").get("fqdn").asString()).isEqualTo("db.netloom.internal");
        JsonNode remote = mapOfB.get("remote_peers").get(0);
        assertThat(mapOfB.get("remote_peers")).hasSize(1);
        assertThat(remote.get("id").asString()).isEqualTo(a);
        assertThat(remote.get("public_key").asString()).isEqualTo(publicKeyA);
        assertThat(remote.get("allowed_ip").asString()).isEqualTo(ipA + "/32");
        assertThat(remote.get("fqdn").asString()).isEqualTo("laptop.netloom.internal");
        assertThat(mapOfB.get("inbound_rules")).hasSize(1);
        assertThat(mapOfB.get("inbound_rules").get(0).get("source").asString()).isEqualTo(ipA + "/32");
        assertThat(mapOfB.get("inbound_rules").get(0).get("protocol").asString()).isEqualTo("tcp");
        assertThat(mapOfB.get("inbound_rules").get(0).get("ports").get(0).asString()).isEqualTo("22");
        assertThat(mapOfA.get("remote_peers").findValuesAsString("id")).containsExactly(b);
        assertThat(mapOfA.get("inbound_rules")).isEmpty();
    }

    @Test
    void accessiblePeersWhenPolicyDeletedThenEmptyAndSerialAdvanced() {
        NetloomApi.Client owner = accounts.newAccount();
        String key = TestPeers.createReusableKey(owner, List.of());
        String a = TestPeers.enroll(api.anonymous(), key, "a");
        String b = TestPeers.enroll(api.anonymous(), key, "b");
        String groupA = createGroup(owner, "A", a);
        String groupB = createGroup(owner, "B", b);
        String policyId = ok(owner.post("/api/policies",
                policy("a-b", true, List.of(rule("r", List.of(groupA), List.of(groupB)))))).text("id");
        List<JsonNode> before = ok(owner.get("/api/peers/{peerId}/accessible-peers", a)).body().valueStream().toList();
        long serialBefore = owner.get("/api/peers/{peerId}/network-map", a).body().get("serial").asLong();

        ok(owner.delete("/api/policies/{policyId}", policyId));

        assertThat(before).extracting(peer -> peer.get("id").asString()).containsExactly(b);
        assertThat(before.get(0).get("dns_label").asString()).isEqualTo("b.netloom.internal");
        assertThat(ok(owner.get("/api/peers/{peerId}/accessible-peers", a)).body()).isEmpty();
        assertThat(owner.get("/api/peers/{peerId}/network-map", a).body().get("serial").asLong())
                .isEqualTo(serialBefore + 1);
    }

    @Test
    void networkMapWhenRouteCreatedThenClientReceivesItAndRoutingPeerForwardsUntilDeleted() {
        NetloomApi.Client owner = accounts.newAccount();
        String key = TestPeers.createReusableKey(owner, List.of());
        String client = TestPeers.enroll(api.anonymous(), key, "laptop");
        String router = TestPeers.enroll(api.anonymous(), key, "router");
        String ipClient = owner.get("/api/peers/{peerId}", client).text("ip");
        String devs = createGroup(owner, "devs", client);
        String routers = createGroup(owner, "routers", router);
        ok(owner.post("/api/policies", policy("to-routers", true, List.of(rule("r", List.of(devs), List.of(routers))))));

        String routeId = ok(owner.post("/api/routes", Map.of("description", "office LAN", "network_id", "office",
                "enabled", true, "peer", router, "network", "198.18.1.0/24", "metric", 100, "masquerade", true,
                "groups", List.of(devs), "keep_route", false))).text("id");

        JsonNode route = ok(owner.get("/api/peers/{peerId}/network-map", client)).body().get("routes").get(0);
        assertThat(route.get("id").asString()).isEqualTo(routeId);
        assertThat(route.get("network").asString()).isEqualTo("198.18.1.0/24");
        assertThat(route.get("peer").asString()).isEqualTo(router);
        JsonNode mapOfRouter = ok(owner.get("/api/peers/{peerId}/network-map", router)).body();
        assertThat(mapOfRouter.get("served_routes").get(0).get("masquerade").asBoolean()).isTrue();
        assertThat(mapOfRouter.get("forward_rules").get(0).get("source").asString()).isEqualTo(ipClient + "/32");

        ok(owner.delete("/api/routes/{routeId}", routeId));

        assertThat(ok(owner.get("/api/peers/{peerId}/network-map", client)).body().get("routes")).isEmpty();
        assertThat(ok(owner.get("/api/peers/{peerId}/network-map", router)).body().get("served_routes")).isEmpty();
    }

    @Test
    void networkMapWhenPeerUnknownThenNotFound() {
        NetloomApi.Client owner = accounts.newAccount();

        error(owner.get("/api/peers/{peerId}/network-map", "no-such-peer"), 404);
        error(owner.get("/api/peers/{peerId}/accessible-peers", "no-such-peer"), 404);
        error(owner.get("/api/peers/{peerId}/network-map", "bad~id"), 422);
    }

    @Test
    void networkMapWhenRequestedWithoutCredentialsThenUnauthorized() {
        assertThat(api.anonymous().get("/api/peers/{peerId}/network-map", "x").status()).isEqualTo(401);
    }

    @Test
    void networkMapWhenPeerNotYetApprovedThenItReachesNobody() {
        NetloomApi.Client owner = accounts.newAccount();
        ok(owner.put("/api/accounts/{accountId}", Map.of("settings", Map.of(
                "peer_login_expiration_enabled", true, "peer_login_expiration", 86400,
                "extra", Map.of("peer_approval_enabled", true))), accountId(owner)));
        String key = TestPeers.createReusableKey(owner, List.of());
        String a = TestPeers.enroll(api.anonymous(), key, "a");
        String b = TestPeers.enroll(api.anonymous(), key, "b");
        String all = groupNamed(owner, "All");
        ok(owner.post("/api/policies", policy("mesh", true, List.of(rule("r", List.of(all), List.of(all))))));

        assertThat(ok(owner.get("/api/peers/{peerId}/accessible-peers", a)).body()).isEmpty();
        assertThat(ok(owner.get("/api/peers/{peerId}/network-map", b)).body().get("remote_peers")).isEmpty();
    }
}
