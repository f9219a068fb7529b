package io.netloom.server.api;

import static io.netloom.server.testing.TestData.audit;
import static io.netloom.server.testing.TestData.auditCodes;
import static io.netloom.server.testing.TestData.createGroup;
import static io.netloom.server.testing.TestData.createToken;
import static io.netloom.server.testing.TestData.createUser;
import static io.netloom.server.testing.TestData.error;
import static io.netloom.server.testing.TestData.ids;
import static io.netloom.server.testing.TestData.ok;
import static io.netloom.server.testing.TestData.policy;
import static io.netloom.server.testing.TestData.rule;
import static io.netloom.server.testing.TestData.serviceUser;
import static io.netloom.server.testing.TestData.with;
import static io.netloom.server.testing.TestData.without;
import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.server.testing.NetloomApi;
import io.netloom.server.testing.ServerTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** NetBird's /api/networks/{networkId}/resources; responses are checked against NetBird's OpenAPI by NetloomApi. */
class NetworkResourcesApiTest extends ServerTest {

    private static final String RESOURCES = "/api/networks/{networkId}/resources";
    private static final String RESOURCE = "/api/networks/{networkId}/resources/{resourceId}";

    private NetloomApi.Client owner;
    private String network;
    private String web;

    @BeforeEach
    void createAccountWithANetworkAndAGroup() {
        owner = accounts.newAccount();
        network = ok(owner.post("/api/networks", Map.of("name", "office"))).text("id");
        web = createGroup(owner, "web");
    }

    private Map<String, Object> resource(String address) {
        return Map.of("name", "web server", "description", "intranet", "address", address, "enabled", true,
                "groups", List.of(web));
    }

    private void assertNoResources() {
        assertThat(ok(owner.get(RESOURCES, network)).body()).isEmpty();
        assertThat(ok(owner.get("/api/networks/{networkId}", network)).body().get("resources")).isEmpty();
    }

    @Test
    void createWhenHostThenShownAsNetbirdResourceAndListedOnItsNetwork() {
        JsonNode created = ok(owner.post(RESOURCES, resource("10.1.2.3"), network)).body();

        String resourceId = created.get("id").asString();
        assertThat(created.get("type").asString()).isEqualTo("host");
        assertThat(created.get("name").asString()).isEqualTo("web server");
        assertThat(created.get("description").asString()).isEqualTo("intranet");
        assertThat(created.get("address").asString()).isEqualTo("10.1.2.3");
        assertThat(created.get("enabled").asBoolean()).isTrue();
        assertThat(created.get("groups").get(0).get("id").asString()).isEqualTo(web);
        assertThat(created.get("groups").get(0).get("name").asString()).isEqualTo("web");
        assertThat(ok(owner.get(RESOURCE, network, resourceId)).body()).isEqualTo(created);
        assertThat(ids(owner.get(RESOURCES, network))).containsExactly(resourceId);
        assertThat(ok(owner.get("/api/networks/{networkId}", network)).body().get("resources").get(0).asString())
                .isEqualTo(resourceId);
    }

    @Test
    void groupWhenResourcesNameItThenListsThemAndAcceptsThemBackUnchanged() {
        String resourceId = ok(owner.post(RESOURCES, resource("10.1.2.3"), network)).text("id");

        JsonNode group = ok(owner.get("/api/groups/{groupId}", web)).body();

        assertThat(group.get("resources_count").asInt()).isEqualTo(1);
        assertThat(group.get("resources").get(0).get("id").asString()).isEqualTo(resourceId);
        assertThat(group.get("resources").get(0).get("type").asString()).isEqualTo("host");
        Map<String, Object> writtenBack = Map.of("name", "web", "peers", List.of(),
                "resources", List.of(Map.of("id", resourceId, "type", "host")));
        assertThat(ok(owner.put("/api/groups/{groupId}", writtenBack, web)).body().get("resources_count").asInt())
                .isEqualTo(1);
    }

    @Test
    void groupWhenRequestMovesResourcesThenUnprocessableAndNothingChanged() {
        String resourceId = ok(owner.post(RESOURCES, resource("10.1.2.3"), network)).text("id");
        String other = createGroup(owner, "other");

        error(owner.put("/api/groups/{groupId}", Map.of("name", "web", "resources", List.of()), web), 422);
        error(owner.put("/api/groups/{groupId}", Map.of("name", "renamed",
                "resources", List.of(Map.of("id", resourceId, "type", "host"))), other), 422);
        error(owner.post("/api/groups", Map.of("name", "new",
                "resources", List.of(Map.of("id", resourceId, "type", "host")))), 422);

        assertThat(ok(owner.get("/api/groups/{groupId}", web)).body().get("resources_count").asInt()).isEqualTo(1);
        assertThat(ok(owner.get("/api/groups/{groupId}", other)).text("name")).isEqualTo("other");
        assertThat(ok(owner.get("/api/groups/{groupId}", other)).body().get("resources")).isEmpty();
        error(owner.get("/api/groups?name=new"), 404);
    }

    @Test
    void networkWhenPoliciesTargetItsResourcesThenListsThem() {
        ok(owner.post(RESOURCES, resource("10.1.2.3"), network));
        String developers = createGroup(owner, "developers");
        String reaching = ok(owner.post("/api/policies", policy("to web", false,
                List.of(rule("r", List.of(developers), List.of(web)))))).text("id");
        ok(owner.post("/api/policies", policy("elsewhere", true,
                List.of(rule("r", List.of(web), List.of(developers))))));

        JsonNode policies = ok(owner.get("/api/networks/{networkId}", network)).body().get("policies");

        assertThat(policies).hasSize(1);
        assertThat(policies.get(0).asString()).isEqualTo(reaching);
    }

    @Test
    void createWhenSubnetOrSlash32ThenTypedByAddress() {
        assertThat(ok(owner.post(RESOURCES, resource("10.1.0.0/16"), network)).text("type")).isEqualTo("subnet");
        assertThat(ok(owner.post(RESOURCES, resource("10.1.2.3/32"), network)).text("type")).isEqualTo("host");
    }

    @Test
    void createUpdateDeleteWhenAcceptedThenAudited() {
        String resourceId = ok(owner.post(RESOURCES, resource("10.1.2.3"), network)).text("id");
        ok(owner.put(RESOURCE, resource("10.1.0.0/24"), network, resourceId));
        ok(owner.delete(RESOURCE, network, resourceId));

        assertThat(auditCodes(owner)).containsSubsequence("network.resource.create", "network.resource.update",
                "network.resource.delete");
        JsonNode created = audit(owner).stream()
                .filter(event -> event.get("activity_code").asString().equals("network.resource.create"))
                .findFirst().orElseThrow();
        assertThat(created.get("target_id").asString()).isEqualTo(resourceId);
        assertThat(created.get("meta").get("address").asString()).isEqualTo("10.1.2.3");
        assertThat(created.get("meta").get("network_id").asString()).isEqualTo(network);
    }

    @Test
    void createWhenDomainThenUnprocessableUntilDnsAndNothingCreated() {
        for (String domain : List.of("example.com", "*.example.com")) {
            NetloomApi.Response response = owner.post(RESOURCES, resource(domain), network);
            assertThat(error(response, 422).text("message")).isEqualTo("domain resources need DNS, not supported yet");
        }
        assertNoResources();
    }

    @Test
    void createWhenAddressMalformedHostBitsSetOrInOverlayThenUnprocessableAndNothingCreated() {
        for (String address : List.of("", "10.1.2", "10.1.2.256", "10.1.0.0/33", "fd00::1", "10.1.0.0/-1")) {
            error(owner.post(RESOURCES, resource(address), network), 422);
        }
        assertThat(error(owner.post(RESOURCES, resource("10.1.2.3/16"), network), 422).text("message"))
                .contains("did you mean 10.1.0.0/16?");
        assertThat(error(owner.post(RESOURCES, resource("100.64.0.5"), network), 422).text("message"))
                .contains("overlay");
        assertNoResources();
    }

    @Test
    void createWhenRequiredFieldMissingOrInvalidThenUnprocessableAndNothingCreated() {
        for (String field : List.of("name", "address", "enabled", "groups")) {
            NetloomApi.Response response = owner.post(RESOURCES, without(resource("10.1.2.3"), field), network);
            assertThat(error(response, 422).text("message")).as(field).contains(field);
        }
        error(owner.post(RESOURCES, with(resource("10.1.2.3"), "name", " "), network), 422);
        error(owner.post(RESOURCES, with(resource("10.1.2.3"), "description", "d".repeat(1025)), network), 422);
        assertNoResources();
    }

    @Test
    void createWhenGroupUnknownThenUnprocessableNamingItAndNothingCreated() {
        String unknown = UUID.randomUUID().toString();

        NetloomApi.Response response = owner.post(RESOURCES,
                with(resource("10.1.2.3"), "groups", List.of(web, unknown)), network);

        assertThat(error(response, 422).text("message")).contains(unknown);
        assertNoResources();
    }

    @Test
    void updateWhenValidThenReplacedAndSameBodyTwiceChangesNothing() {
        String resourceId = ok(owner.post(RESOURCES, resource("10.1.2.3"), network)).text("id");
        Map<String, Object> changed = Map.of("name", "lan", "address", "192.168.1.0/24", "enabled", false,
                "groups", List.of());

        JsonNode updated = ok(owner.put(RESOURCE, changed, network, resourceId)).body();
        ok(owner.put(RESOURCE, changed, network, resourceId));

        assertThat(updated.get("type").asString()).isEqualTo("subnet");
        assertThat(updated.get("enabled").asBoolean()).isFalse();
        assertThat(updated.get("groups")).isEmpty();
        assertThat(updated.get("description").asString()).isEmpty();
        assertThat(ok(owner.get(RESOURCE, network, resourceId)).body()).isEqualTo(updated);
        assertThat(auditCodes(owner).stream().filter("network.resource.update"::equals)).hasSize(1);
    }

    @Test
    void updateWhenInvalidThenUnprocessableAndResourceUnchanged() {
        JsonNode created = ok(owner.post(RESOURCES, resource("10.1.2.3"), network)).body();
        String resourceId = created.get("id").asString();

        error(owner.put(RESOURCE, resource("example.com"), network, resourceId), 422);
        error(owner.put(RESOURCE, resource("10.1.2.3/8"), network, resourceId), 422);
        error(owner.put(RESOURCE, with(resource("10.1.2.3"), "groups", List.of(UUID.randomUUID().toString())),
                network, resourceId), 422);

        assertThat(ok(owner.get(RESOURCE, network, resourceId)).body()).isEqualTo(created);
    }

    @Test
    void resourceWhenNetworkUnknownOrResourceOfAnotherNetworkThenNotFound() {
        String other = ok(owner.post("/api/networks", Map.of("name", "lab"))).text("id");
        String resourceId = ok(owner.post(RESOURCES, resource("10.1.2.3"), network)).text("id");
        String unknown = UUID.randomUUID().toString();

        error(owner.get(RESOURCES, unknown), 404);
        error(owner.post(RESOURCES, resource("10.1.2.4"), unknown), 404);
        error(owner.get(RESOURCE, other, resourceId), 404);
        error(owner.put(RESOURCE, resource("10.1.2.4"), other, resourceId), 404);
        error(owner.delete(RESOURCE, other, resourceId), 404);
        error(owner.get(RESOURCE, network, unknown), 404);

        assertThat(ids(owner.get(RESOURCES, network))).containsExactly(resourceId);
        assertThat(ok(owner.get(RESOURCES, other)).body()).isEmpty();
    }

    @Test
    void deleteWhenResourceExistsThenGoneAndDeletingTheNetworkTakesTheRestAlong() {
        String doomed = ok(owner.post(RESOURCES, resource("10.1.2.3"), network)).text("id");
        ok(owner.post(RESOURCES, resource("10.1.2.4"), network));

        ok(owner.delete(RESOURCE, network, doomed));
        error(owner.get(RESOURCE, network, doomed), 404);
        error(owner.delete(RESOURCE, network, doomed), 404);
        ok(owner.delete("/api/networks/{networkId}", network));

        error(owner.get(RESOURCES, network), 404);
        ok(owner.delete("/api/groups/{groupId}", web));
    }

    @Test
    void deleteGroupWhenUsedByAResourceThenPreconditionFailedUntilTheResourceIsGone() {
        String resourceId = ok(owner.post(RESOURCES, resource("10.1.2.3"), network)).text("id");

        NetloomApi.Response refused = owner.delete("/api/groups/{groupId}", web);

        assertThat(error(refused, 412).text("message")).contains("network resource \"web server\"");
        ok(owner.get("/api/groups/{groupId}", web));
        ok(owner.delete(RESOURCE, network, resourceId));
        ok(owner.delete("/api/groups/{groupId}", web));
    }

    @Test
    void resourcesWhenAnotherAccountThenNeitherSeenNorTouched() {
        String resourceId = ok(owner.post(RESOURCES, resource("10.1.2.3"), network)).text("id");
        NetloomApi.Client stranger = accounts.newAccount();
        String strangersGroup = createGroup(stranger, "mine");
        String strangersNetwork = ok(stranger.post("/api/networks", Map.of("name", "mine"))).text("id");

        error(stranger.get(RESOURCES, network), 404);
        error(stranger.get(RESOURCE, network, resourceId), 404);
        error(stranger.get(RESOURCE, strangersNetwork, resourceId), 404);
        error(stranger.put(RESOURCE, with(resource("10.9.0.0/16"), "groups", List.of(strangersGroup)), network,
                resourceId), 404);
        error(stranger.delete(RESOURCE, network, resourceId), 404);
        error(stranger.post(RESOURCES, with(resource("10.9.0.0/16"), "groups", List.of(strangersGroup)), network),
                404);
        error(stranger.post(RESOURCES, resource("10.9.0.0/16"), strangersNetwork), 422);

        assertThat(ok(stranger.get(RESOURCES, strangersNetwork)).body()).isEmpty();
        assertThat(ok(owner.get(RESOURCE, network, resourceId)).text("address")).isEqualTo("10.1.2.3");
    }

    @Test
    void resourcesWhenCallerIsARegularUserThenForbiddenAndNothingChanged() {
        String resourceId = ok(owner.post(RESOURCES, resource("10.1.2.3"), network)).text("id");
        NetloomApi.Client user = api.as(createToken(owner, createUser(owner, serviceUser("bot", "user"))));

        error(user.get(RESOURCES, network), 403);
        error(user.get(RESOURCE, network, resourceId), 403);
        error(user.post(RESOURCES, resource("10.1.2.4"), network), 403);
        error(user.put(RESOURCE, resource("10.1.2.4"), network, resourceId), 403);
        error(user.delete(RESOURCE, network, resourceId), 403);

        assertThat(ids(owner.get(RESOURCES, network))).containsExactly(resourceId);
        assertThat(ok(owner.get(RESOURCE, network, resourceId)).text("address")).isEqualTo("10.1.2.3");
    }
}
