package io.netloom.server.api;

import static io.netloom.server.testing.TestData.audit;
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

/** NetBird's /api/routes; every response is also checked against NetBird's OpenAPI document by NetloomApi. */
class RoutesApiTest extends ServerTest {

    private NetloomApi.Client owner;
    private String router;
    private String clients;

    @BeforeEach
    void createAccountWithARouterAndClients() {
        owner = accounts.newAccount();
        router = TestPeers.enroll(api.anonymous(), TestPeers.createReusableKey(owner, List.of()), "router");
        clients = createGroup(owner, "clients");
    }

    private Map<String, Object> route(String network) {
        return Map.of("description", "office LAN", "network_id", "office", "enabled", true, "peer", router,
                "network", network, "metric", 100, "masquerade", true, "groups", List.of(clients),
                "keep_route", false);
    }

    private void assertNoRoutes() {
        assertThat(ok(owner.get("/api/routes")).body()).isEmpty();
    }

    @Test
    void createWhenPeerRouteValidThenShownAsNetbirdRoute() {
        String filter = createGroup(owner, "web");

        JsonNode created = ok(owner.post("/api/routes", with(route("10.1.0.0/16"),
                "access_control_groups", List.of(filter), "skip_auto_apply", true))).body();

        assertThat(created.get("id").asString()).isNotBlank();
        assertThat(created.get("network_type").asString()).isEqualTo("IPv4");
        assertThat(created.get("description").asString()).isEqualTo("office LAN");
        assertThat(created.get("network_id").asString()).isEqualTo("office");
        assertThat(created.get("enabled").asBoolean()).isTrue();
        assertThat(created.get("peer").asString()).isEqualTo(router);
        assertThat(created.has("peer_groups")).isFalse();
        assertThat(created.get("network").asString()).isEqualTo("10.1.0.0/16");
        assertThat(created.has("domains")).isFalse();
        assertThat(created.get("metric").asInt()).isEqualTo(100);
        assertThat(created.get("masquerade").asBoolean()).isTrue();
        assertThat(created.get("groups").valueStream().map(JsonNode::asString)).containsExactly(clients);
        assertThat(created.get("access_control_groups").valueStream().map(JsonNode::asString))
                .containsExactly(filter);
        assertThat(created.get("keep_route").asBoolean()).isFalse();
        assertThat(created.get("skip_auto_apply").asBoolean()).isTrue();
        String routeId = created.get("id").asString();
        assertThat(ok(owner.get("/api/routes/{routeId}", routeId)).body()).isEqualTo(created);
        assertThat(ids(owner.get("/api/routes"))).containsExactly(routeId);
    }

    @Test
    void createWhenPeerGroupsThenShownWithoutPeer() {
        String routers = createGroup(owner, "routers", router);

        JsonNode created = ok(owner.post("/api/routes", with(without(route("0.0.0.0/0"), "peer"),
                "peer_groups", List.of(routers)))).body();

        assertThat(created.has("peer")).isFalse();
        assertThat(created.get("peer_groups").valueStream().map(JsonNode::asString)).containsExactly(routers);
        assertThat(created.get("network").asString()).isEqualTo("0.0.0.0/0");
        assertThat(created.get("skip_auto_apply").asBoolean()).isFalse();
    }

    @Test
    void createUpdateDeleteWhenAcceptedThenAudited() {
        String routeId = ok(owner.post("/api/routes", route("10.1.0.0/16"))).text("id");
        ok(owner.put("/api/routes/{routeId}", route("10.2.0.0/16"), routeId));
        ok(owner.delete("/api/routes/{routeId}", routeId));

        assertThat(auditCodes(owner)).containsSubsequence("route.add", "route.update", "route.delete");
        JsonNode added = audit(owner).stream()
                .filter(event -> event.get("activity_code").asString().equals("route.add")).findFirst().orElseThrow();
        assertThat(added.get("target_id").asString()).isEqualTo(routeId);
        assertThat(added.get("meta").get("network_range").asString()).isEqualTo("10.1.0.0/16");
        assertThat(added.get("meta").get("name").asString()).isEqualTo("office");
    }

    @Test
    void createWhenBothOrNeitherPeerAndPeerGroupsThenUnprocessableAndNothingCreated() {
        String routers = createGroup(owner, "routers", router);

        NetloomApi.Response both = owner.post("/api/routes", with(route("10.1.0.0/16"), "peer_groups", List.of(routers)));
        NetloomApi.Response neither = owner.post("/api/routes", without(route("10.1.0.0/16"), "peer"));

        assertThat(error(both, 422).text("message")).contains("exactly one of peer and peer_groups");
        assertThat(error(neither, 422).text("message")).contains("exactly one of peer and peer_groups");
        assertNoRoutes();
    }

    @Test
    void createWhenDomainsOrBothOrNeitherNetworkAndDomainsThenUnprocessableAndNothingCreated() {
        NetloomApi.Response domains = owner.post("/api/routes",
                with(without(route("10.1.0.0/16"), "network"), "domains", List.of("example.com")));
        NetloomApi.Response both = owner.post("/api/routes", with(route("10.1.0.0/16"), "domains", List.of("a.com")));
        NetloomApi.Response neither = owner.post("/api/routes", without(route("10.1.0.0/16"), "network"));

        assertThat(error(domains, 422).text("message")).isEqualTo("domain routes need DNS, not supported yet");
        assertThat(error(both, 422).text("message")).contains("exactly one of network and domains");
        assertThat(error(neither, 422).text("message")).contains("exactly one of network and domains");
        assertNoRoutes();
    }

    @Test
    void createWhenNetworkMalformedOrHostBitsSetThenUnprocessableAndNothingCreated() {
        for (String network : List.of("10.1.0.0", "10.1.0.0/33", "10.1.0.0/-1", "10.1.0.256/24", "fd00::/8", "",
                "10.1.0.0/16; rm -rf /")) {
            error(owner.post("/api/routes", route(network)), 422);
        }
        NetloomApi.Response hostBits = owner.post("/api/routes", route("10.1.2.3/16"));

        assertThat(error(hostBits, 422).text("message")).contains("did you mean 10.1.0.0/16?");
        assertNoRoutes();
    }

    @Test
    void createWhenNetworkOverlapsOverlayThenUnprocessableAndNothingCreated() {
        for (String network : List.of("100.64.0.0/24", "100.64.0.1/32", "100.0.0.0/8", "64.0.0.0/2")) {
            NetloomApi.Response response = owner.post("/api/routes", route(network));
            assertThat(error(response, 422).text("message")).contains("overlay");
        }
        assertNoRoutes();
    }

    @Test
    void createWhenMetricOrNetworkIdOutOfRangeThenUnprocessableAndNothingCreated() {
        error(owner.post("/api/routes", with(route("10.1.0.0/16"), "metric", 0)), 422);
        error(owner.post("/api/routes", with(route("10.1.0.0/16"), "metric", 10000)), 422);
        error(owner.post("/api/routes", with(route("10.1.0.0/16"), "network_id", "")), 422);
        error(owner.post("/api/routes", with(route("10.1.0.0/16"), "network_id", "n".repeat(41))), 422);
        error(owner.post("/api/routes", with(route("10.1.0.0/16"), "description", "d".repeat(1025))), 422);

        assertNoRoutes();
    }

    @Test
    void createWhenRequiredFieldMissingThenUnprocessableNamingItAndNothingCreated() {
        for (String field : List.of("network_id", "enabled", "metric", "masquerade", "groups", "keep_route")) {
            NetloomApi.Response response = owner.post("/api/routes", without(route("10.1.0.0/16"), field));
            assertThat(error(response, 422).text("message")).as(field).contains(field);
        }
        error(owner.post("/api/routes", with(route("10.1.0.0/16"), "groups", List.of())), 422);
        assertNoRoutes();
    }

    @Test
    void createWhenGroupsOrPeerUnknownThenUnprocessableAndNothingCreated() {
        String unknown = UUID.randomUUID().toString();

        for (String field : List.of("groups", "access_control_groups")) {
            NetloomApi.Response response = owner.post("/api/routes",
                    with(route("10.1.0.0/16"), field, List.of(clients, unknown)));
            assertThat(error(response, 422).text("message")).contains(unknown);
        }
        error(owner.post("/api/routes", with(without(route("10.1.0.0/16"), "peer"), "peer_groups", List.of(unknown))),
                422);
        NetloomApi.Response unknownPeer = owner.post("/api/routes", with(route("10.1.0.0/16"), "peer", unknown));
        assertThat(error(unknownPeer, 422).text("message")).contains(unknown);
        assertNoRoutes();
    }

    @Test
    void createWhenSamePeerAlreadyRoutesThePrefixThenConflictAndNothingCreated() {
        String first = ok(owner.post("/api/routes", route("10.1.0.0/16"))).text("id");

        NetloomApi.Response twin = owner.post("/api/routes", with(route("10.1.0.0/16"), "network_id", "other"));

        assertThat(error(twin, 409).text("message")).contains("10.1.0.0/16");
        assertThat(ids(owner.get("/api/routes"))).containsExactly(first);
    }

    @Test
    void createWhenAnotherPeerRoutesTheSamePrefixThenAcceptedForHighAvailability() {
        String second = TestPeers.enroll(api.anonymous(), TestPeers.createReusableKey(owner, List.of()), "router-2");
        String first = ok(owner.post("/api/routes", route("10.1.0.0/16"))).text("id");

        String standby = ok(owner.post("/api/routes", with(route("10.1.0.0/16"), "peer", second, "metric", 200)))
                .text("id");

        assertThat(ids(owner.get("/api/routes"))).containsExactly(first, standby);
    }

    @Test
    void updateWhenValidThenReplacedAndSameBodyTwiceChangesNothing() {
        String routeId = ok(owner.post("/api/routes", route("10.1.0.0/16"))).text("id");
        Map<String, Object> changed = with(route("192.168.10.0/24"), "enabled", false, "masquerade", false,
                "metric", 9999, "keep_route", true, "description", "site B");

        JsonNode updated = ok(owner.put("/api/routes/{routeId}", changed, routeId)).body();
        ok(owner.put("/api/routes/{routeId}", changed, routeId));

        assertThat(updated.get("id").asString()).isEqualTo(routeId);
        assertThat(updated.get("network").asString()).isEqualTo("192.168.10.0/24");
        assertThat(updated.get("enabled").asBoolean()).isFalse();
        assertThat(updated.get("masquerade").asBoolean()).isFalse();
        assertThat(updated.get("metric").asInt()).isEqualTo(9999);
        assertThat(updated.get("keep_route").asBoolean()).isTrue();
        assertThat(ok(owner.get("/api/routes/{routeId}", routeId)).body()).isEqualTo(updated);
        assertThat(auditCodes(owner).stream().filter("route.update"::equals)).hasSize(1);
    }

    @Test
    void updateWhenInvalidOrTwinOfAnotherRouteThenRefusedAndRouteUnchanged() {
        String other = ok(owner.post("/api/routes", route("10.2.0.0/16"))).text("id");
        JsonNode created = ok(owner.post("/api/routes", route("10.1.0.0/16"))).body();
        String routeId = created.get("id").asString();

        error(owner.put("/api/routes/{routeId}", route("10.2.0.0/16"), routeId), 409);
        error(owner.put("/api/routes/{routeId}", route("100.64.0.0/16"), routeId), 422);
        error(owner.put("/api/routes/{routeId}", with(route("10.1.0.0/16"), "metric", 0), routeId), 422);
        error(owner.put("/api/routes/{routeId}", with(route("10.1.0.0/16"), "groups",
                List.of(UUID.randomUUID().toString())), routeId), 422);

        assertThat(ok(owner.get("/api/routes/{routeId}", routeId)).body()).isEqualTo(created);
        assertThat(ids(owner.get("/api/routes"))).containsExactly(other, routeId);
    }

    @Test
    void deleteWhenRouteExistsThenGoneAndUnknownRoutesNotFound() {
        String keep = ok(owner.post("/api/routes", route("10.1.0.0/16"))).text("id");
        String doomed = ok(owner.post("/api/routes", route("10.2.0.0/16"))).text("id");
        String unknown = UUID.randomUUID().toString();

        ok(owner.delete("/api/routes/{routeId}", doomed));

        assertThat(ids(owner.get("/api/routes"))).containsExactly(keep);
        error(owner.get("/api/routes/{routeId}", doomed), 404);
        error(owner.delete("/api/routes/{routeId}", doomed), 404);
        error(owner.put("/api/routes/{routeId}", route("10.3.0.0/16"), unknown), 404);
    }

    @Test
    void deleteGroupWhenUsedByARouteThenPreconditionFailedUntilTheRouteIsGone() {
        String routers = createGroup(owner, "routers", router);
        String filter = createGroup(owner, "filter");
        String routeId = ok(owner.post("/api/routes", with(without(route("10.1.0.0/16"), "peer"),
                "peer_groups", List.of(routers), "access_control_groups", List.of(filter)))).text("id");

        for (String group : List.of(clients, routers, filter)) {
            NetloomApi.Response refused = owner.delete("/api/groups/{groupId}", group);
            assertThat(error(refused, 412).text("message")).contains("route \"office\"");
            ok(owner.get("/api/groups/{groupId}", group));
        }
        ok(owner.delete("/api/routes/{routeId}", routeId));

        ok(owner.delete("/api/groups/{groupId}", filter));
    }

    @Test
    void deletePeerWhenItIsARoutingPeerThenPreconditionFailedUntilTheRouteIsGone() {
        String routeId = ok(owner.post("/api/routes", route("10.1.0.0/16"))).text("id");

        NetloomApi.Response refused = owner.delete("/api/peers/{peerId}", router);

        assertThat(error(refused, 412).text("message")).contains("route \"office\"");
        ok(owner.get("/api/peers/{peerId}", router));
        assertThat(ids(owner.get("/api/routes"))).containsExactly(routeId);
        ok(owner.delete("/api/routes/{routeId}", routeId));
        ok(owner.delete("/api/peers/{peerId}", router));
    }

    @Test
    void deletePeerWhenOnlyMemberOfAPeerGroupThenDeleted() {
        String routers = createGroup(owner, "routers", router);
        ok(owner.post("/api/routes", with(without(route("10.1.0.0/16"), "peer"), "peer_groups", List.of(routers))));

        ok(owner.delete("/api/peers/{peerId}", router));
    }

    @Test
    void routesWhenAnotherAccountThenNeitherSeenNorTouchedNorReferenced() {
        String routeId = ok(owner.post("/api/routes", route("10.1.0.0/16"))).text("id");
        NetloomApi.Client stranger = accounts.newAccount();
        String strangersGroup = createGroup(stranger, "mine");

        assertThat(ok(stranger.get("/api/routes")).body()).isEmpty();
        error(stranger.get("/api/routes/{routeId}", routeId), 404);
        error(stranger.put("/api/routes/{routeId}", with(route("10.9.0.0/16"), "groups", List.of(strangersGroup),
                "peer_groups", List.of(strangersGroup), "peer", null), routeId), 404);
        error(stranger.delete("/api/routes/{routeId}", routeId), 404);
        error(stranger.post("/api/routes", with(route("10.9.0.0/16"), "groups", List.of(strangersGroup))), 422);
        error(stranger.post("/api/routes", route("10.9.0.0/16")), 422);

        assertThat(ok(stranger.get("/api/routes")).body()).isEmpty();
        assertThat(ok(owner.get("/api/routes/{routeId}", routeId)).text("network")).isEqualTo("10.1.0.0/16");
    }

    @Test
    void routesWhenCallerIsARegularUserThenForbiddenAndNothingChanged() {
        String routeId = ok(owner.post("/api/routes", route("10.1.0.0/16"))).text("id");
        NetloomApi.Client user = api.as(createToken(owner, createUser(owner, serviceUser("bot", "user"))));

        error(user.get("/api/routes"), 403);
        error(user.get("/api/routes/{routeId}", routeId), 403);
        error(user.post("/api/routes", route("10.2.0.0/16")), 403);
        error(user.put("/api/routes/{routeId}", route("10.2.0.0/16"), routeId), 403);
        error(user.delete("/api/routes/{routeId}", routeId), 403);

        assertThat(ids(owner.get("/api/routes"))).containsExactly(routeId);
        assertThat(ok(owner.get("/api/routes/{routeId}", routeId)).text("network")).isEqualTo("10.1.0.0/16");
    }
}
