package io.netloom.server.api;

import static io.netloom.server.testing.TestData.auditCodes;
import static io.netloom.server.testing.TestData.createGroup;
import static io.netloom.server.testing.TestData.createToken;
import static io.netloom.server.testing.TestData.createUser;
import static io.netloom.server.testing.TestData.error;
import static io.netloom.server.testing.TestData.ids;
import static io.netloom.server.testing.TestData.ok;
import static io.netloom.server.testing.TestData.serviceUser;
import static io.netloom.server.testing.TestData.with;
import static io.netloom.server.testing.TestData.without;
import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.server.testing.NetloomApi;
import io.netloom.server.testing.ServerTest;
import io.netloom.server.testing.TestPeers;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** NetBird's /api/networks/{networkId}/routers and /api/networks/routers, checked against NetBird's OpenAPI. */
class NetworkRoutersApiTest extends ServerTest {

    private static final String ROUTERS = "/api/networks/{networkId}/routers";
    private static final String ROUTER = "/api/networks/{networkId}/routers/{routerId}";

    private NetloomApi.Client owner;
    private String network;
    private String peer;

    @BeforeEach
    void createAccountWithANetworkAndAPeer() {
        owner = accounts.newAccount();
        network = ok(owner.post("/api/networks", Map.of("name", "office"))).text("id");
        peer = TestPeers.enroll(api.anonymous(), TestPeers.createReusableKey(owner, List.of()), "router");
    }

    private Map<String, Object> router() {
        return Map.of("peer", peer, "metric", 100, "masquerade", true, "enabled", true);
    }

    private void assertNoRouters() {
        assertThat(ok(owner.get(ROUTERS, network)).body()).isEmpty();
        assertThat(ok(owner.get("/api/networks/routers")).body()).isEmpty();
    }

    @Test
    void createWhenPeerThenShownAsNetbirdRouterAndCountedOnItsNetwork() {
        JsonNode created = ok(owner.post(ROUTERS, router(), network)).body();

        String routerId = created.get("id").asString();
        assertThat(created.get("peer").asString()).isEqualTo(peer);
        assertThat(created.has("peer_groups")).isFalse();
        assertThat(created.get("metric").asInt()).isEqualTo(100);
        assertThat(created.get("masquerade").asBoolean()).isTrue();
        assertThat(created.get("enabled").asBoolean()).isTrue();
        assertThat(ok(owner.get(ROUTER, network, routerId)).body()).isEqualTo(created);
        assertThat(ids(owner.get(ROUTERS, network))).containsExactly(routerId);
        assertThat(ids(owner.get("/api/networks/routers"))).containsExactly(routerId);
        JsonNode shown = ok(owner.get("/api/networks/{networkId}", network)).body();
        assertThat(shown.get("routers").get(0).asString()).isEqualTo(routerId);
        assertThat(shown.get("routing_peers_count").asInt()).isEqualTo(1);
    }

    @Test
    void createWhenPeerGroupsThenShownWithoutPeerAndMembersCounted() {
        String second = TestPeers.enroll(api.anonymous(), TestPeers.createReusableKey(owner, List.of()), "r2");
        String routers = createGroup(owner, "routers", peer, second);

        JsonNode created = ok(owner.post(ROUTERS, with(without(router(), "peer"), "peer_groups", List.of(routers)),
                network)).body();

        assertThat(created.has("peer")).isFalse();
        assertThat(created.get("peer_groups").get(0).asString()).isEqualTo(routers);
        assertThat(ok(owner.get("/api/networks/{networkId}", network)).body().get("routing_peers_count").asInt())
                .isEqualTo(2);
    }

    @Test
    void createUpdateDeleteWhenAcceptedThenAudited() {
        String routerId = ok(owner.post(ROUTERS, router(), network)).text("id");
        ok(owner.put(ROUTER, with(router(), "metric", 200), network, routerId));
        ok(owner.delete(ROUTER, network, routerId));

        assertThat(auditCodes(owner)).containsSubsequence("network.router.create", "network.router.update",
                "network.router.delete");
    }

    @Test
    void createWhenBothOrNeitherPeerAndPeerGroupsThenUnprocessableAndNothingCreated() {
        String routers = createGroup(owner, "routers", peer);

        NetloomApi.Response both = owner.post(ROUTERS, with(router(), "peer_groups", List.of(routers)), network);
        NetloomApi.Response neither = owner.post(ROUTERS, without(router(), "peer"), network);

        assertThat(error(both, 422).text("message")).contains("exactly one of peer and peer_groups");
        assertThat(error(neither, 422).text("message")).contains("exactly one of peer and peer_groups");
        assertNoRouters();
    }

    @Test
    void createWhenMetricOutOfRangeOrRequiredFieldMissingThenUnprocessableAndNothingCreated() {
        error(owner.post(ROUTERS, with(router(), "metric", 0), network), 422);
        error(owner.post(ROUTERS, with(router(), "metric", 10000), network), 422);
        for (String field : List.of("metric", "masquerade", "enabled")) {
            NetloomApi.Response response = owner.post(ROUTERS, without(router(), field), network);
            assertThat(error(response, 422).text("message")).as(field).contains(field);
        }
        assertNoRouters();
    }

    @Test
    void createWhenPeerOrGroupUnknownThenUnprocessableNamingItAndNothingCreated() {
        String unknown = UUID.randomUUID().toString();

        assertThat(error(owner.post(ROUTERS, with(router(), "peer", unknown), network), 422).text("message"))
                .contains(unknown);
        assertThat(error(owner.post(ROUTERS, with(without(router(), "peer"), "peer_groups", List.of(unknown)),
                network), 422).text("message")).contains(unknown);
        assertNoRouters();
    }

    @Test
    void createWhenPeerAlreadyARouterOfTheNetworkThenConflictAndNothingCreated() {
        String first = ok(owner.post(ROUTERS, router(), network)).text("id");
        String other = ok(owner.post("/api/networks", Map.of("name", "lab"))).text("id");

        error(owner.post(ROUTERS, with(router(), "metric", 200), network), 409);
        ok(owner.post(ROUTERS, router(), other));

        assertThat(ids(owner.get(ROUTERS, network))).containsExactly(first);
    }

    @Test
    void updateWhenInvalidThenRefusedAndRouterUnchanged() {
        JsonNode created = ok(owner.post(ROUTERS, router(), network)).body();
        String routerId = created.get("id").asString();

        error(owner.put(ROUTER, with(router(), "metric", 0), network, routerId), 422);
        error(owner.put(ROUTER, without(router(), "peer"), network, routerId), 422);
        error(owner.put(ROUTER, with(router(), "peer", UUID.randomUUID().toString()), network, routerId), 422);

        assertThat(ok(owner.get(ROUTER, network, routerId)).body()).isEqualTo(created);
    }

    @Test
    void routerWhenNetworkUnknownOrRouterOfAnotherNetworkThenNotFound() {
        String other = ok(owner.post("/api/networks", Map.of("name", "lab"))).text("id");
        String routerId = ok(owner.post(ROUTERS, router(), network)).text("id");
        String unknown = UUID.randomUUID().toString();

        error(owner.get(ROUTERS, unknown), 404);
        error(owner.post(ROUTERS, router(), unknown), 404);
        error(owner.get(ROUTER, other, routerId), 404);
        error(owner.put(ROUTER, router(), other, routerId), 404);
        error(owner.delete(ROUTER, other, routerId), 404);
        error(owner.get(ROUTER, network, unknown), 404);

        assertThat(ids(owner.get(ROUTERS, network))).containsExactly(routerId);
    }

    @Test
    void deletePeerOrGroupWhenUsedByARouterThenPreconditionFailedUntilTheRouterIsGone() {
        String routers = createGroup(owner, "routers", peer);
        String byPeer = ok(owner.post(ROUTERS, router(), network)).text("id");
        String byGroup = ok(owner.post(ROUTERS, with(without(router(), "peer"), "peer_groups", List.of(routers)),
                network)).text("id");

        assertThat(error(owner.delete("/api/peers/{peerId}", peer), 412).text("message"))
                .contains("router of network \"office\"");
        assertThat(error(owner.delete("/api/groups/{groupId}", routers), 412).text("message"))
                .contains("router of network \"office\"");
        ok(owner.delete(ROUTER, network, byGroup));
        ok(owner.delete("/api/groups/{groupId}", routers));
        ok(owner.delete(ROUTER, network, byPeer));
        ok(owner.delete("/api/peers/{peerId}", peer));
    }

    @Test
    void deleteNetworkWhenItHasRoutersThenTheyGoAlongAndThePeerIsFree() {
        ok(owner.post(ROUTERS, router(), network));

        ok(owner.delete("/api/networks/{networkId}", network));

        assertThat(ok(owner.get("/api/networks/routers")).body()).isEmpty();
        ok(owner.delete("/api/peers/{peerId}", peer));
    }

    @Test
    void routersWhenAnotherAccountThenNeitherSeenNorTouched() {
        String routerId = ok(owner.post(ROUTERS, router(), network)).text("id");
        NetloomApi.Client stranger = accounts.newAccount();
        String strangersNetwork = ok(stranger.post("/api/networks", Map.of("name", "mine"))).text("id");

        assertThat(ok(stranger.get("/api/networks/routers")).body()).isEmpty();
        error(stranger.get(ROUTERS, network), 404);
        error(stranger.get(ROUTER, network, routerId), 404);
        error(stranger.get(ROUTER, strangersNetwork, routerId), 404);
        error(stranger.put(ROUTER, with(router(), "metric", 5), network, routerId), 404);
        error(stranger.delete(ROUTER, network, routerId), 404);
        error(stranger.post(ROUTERS, router(), strangersNetwork), 422);

        assertThat(ok(stranger.get(ROUTERS, strangersNetwork)).body()).isEmpty();
        assertThat(ok(owner.get(ROUTER, network, routerId)).body().get("metric").asInt()).isEqualTo(100);
    }

    @Test
    void routersWhenCallerIsARegularUserThenForbiddenAndNothingChanged() {
        String routerId = ok(owner.post(ROUTERS, router(), network)).text("id");
        NetloomApi.Client user = api.as(createToken(owner, createUser(owner, serviceUser("bot", "user"))));

        error(user.get("/api/networks/routers"), 403);
        error(user.get(ROUTERS, network), 403);
        error(user.get(ROUTER, network, routerId), 403);
        error(user.post(ROUTERS, router(), network), 403);
        error(user.put(ROUTER, with(router(), "metric", 5), network, routerId), 403);
        error(user.delete(ROUTER, network, routerId), 403);

        assertThat(ids(owner.get(ROUTERS, network))).containsExactly(routerId);
    }
}
