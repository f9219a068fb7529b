package io.netloom.server.api;

import static io.netloom.server.testing.TestData.audit;
import static io.netloom.server.testing.TestData.auditCodes;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** NetBird's /api/networks; every response is also checked against NetBird's OpenAPI document by NetloomApi. */
class NetworksApiTest extends ServerTest {

    private NetloomApi.Client owner;

    @BeforeEach
    void createAccount() {
        owner = accounts.newAccount();
    }

    private static Map<String, Object> network(String name) {
        return Map.of("name", name, "description", "the office LAN");
    }

    private void assertNoNetworks() {
        assertThat(ok(owner.get("/api/networks")).body()).isEmpty();
    }

    @Test
    void createWhenValidThenShownAsNetbirdNetworkWithoutResourcesOrRouters() {
        JsonNode created = ok(owner.post("/api/networks", network(" office "))).body();

        String networkId = created.get("id").asString();
        assertThat(networkId).isNotBlank();
        assertThat(created.get("name").asString()).isEqualTo("office");
        assertThat(created.get("description").asString()).isEqualTo("the office LAN");
        assertThat(created.get("routers")).isEmpty();
        assertThat(created.get("resources")).isEmpty();
        assertThat(created.get("policies")).isEmpty();
        assertThat(created.get("routing_peers_count").asInt()).isZero();
        assertThat(ok(owner.get("/api/networks/{networkId}", networkId)).body()).isEqualTo(created);
        assertThat(ids(owner.get("/api/networks"))).containsExactly(networkId);
    }

    @Test
    void createWhenDescriptionAbsentThenEmpty() {
        JsonNode created = ok(owner.post("/api/networks", Map.of("name", "office"))).body();

        assertThat(created.get("description").asString()).isEmpty();
    }

    @Test
    void createUpdateDeleteWhenAcceptedThenAudited() {
        String networkId = ok(owner.post("/api/networks", network("office"))).text("id");
        ok(owner.put("/api/networks/{networkId}", network("head office"), networkId));
        ok(owner.delete("/api/networks/{networkId}", networkId));

        assertThat(auditCodes(owner)).containsSubsequence("network.create", "network.update", "network.delete");
        JsonNode created = audit(owner).stream()
                .filter(event -> event.get("activity_code").asString().equals("network.create"))
                .findFirst().orElseThrow();
        assertThat(created.get("target_id").asString()).isEqualTo(networkId);
        assertThat(created.get("meta").get("name").asString()).isEqualTo("office");
    }

    @Test
    void createWhenNameMissingBlankTooLongOrControlThenUnprocessableAndNothingCreated() {
        assertThat(error(owner.post("/api/networks", without(network("x"), "name")), 422).text("message"))
                .contains("name");
        error(owner.post("/api/networks", network("   ")), 422);
        error(owner.post("/api/networks", network("n".repeat(256))), 422);
        error(owner.post("/api/networks", network("off\nice")), 422);
        error(owner.post("/api/networks", with(network("office"), "description", "d".repeat(1025))), 422);

        assertNoNetworks();
    }

    @Test
    void updateWhenValidThenReplacedAndSameBodyTwiceChangesNothing() {
        String networkId = ok(owner.post("/api/networks", network("office"))).text("id");
        Map<String, Object> changed = Map.of("name", "site B");

        JsonNode updated = ok(owner.put("/api/networks/{networkId}", changed, networkId)).body();
        ok(owner.put("/api/networks/{networkId}", changed, networkId));

        assertThat(updated.get("id").asString()).isEqualTo(networkId);
        assertThat(updated.get("name").asString()).isEqualTo("site B");
        assertThat(updated.get("description").asString()).isEmpty();
        assertThat(ok(owner.get("/api/networks/{networkId}", networkId)).body()).isEqualTo(updated);
        assertThat(auditCodes(owner).stream().filter("network.update"::equals)).hasSize(1);
    }

    @Test
    void updateWhenInvalidThenUnprocessableAndNetworkUnchanged() {
        JsonNode created = ok(owner.post("/api/networks", network("office"))).body();
        String networkId = created.get("id").asString();

        error(owner.put("/api/networks/{networkId}", network(""), networkId), 422);
        error(owner.put("/api/networks/{networkId}", Map.of("description", "no name"), networkId), 422);

        assertThat(ok(owner.get("/api/networks/{networkId}", networkId)).body()).isEqualTo(created);
    }

    @Test
    void deleteWhenNetworkExistsThenGoneAndUnknownNetworksNotFound() {
        String keep = ok(owner.post("/api/networks", network("office"))).text("id");
        String doomed = ok(owner.post("/api/networks", network("lab"))).text("id");
        String unknown = UUID.randomUUID().toString();

        ok(owner.delete("/api/networks/{networkId}", doomed));

        assertThat(ids(owner.get("/api/networks"))).containsExactly(keep);
        error(owner.get("/api/networks/{networkId}", doomed), 404);
        error(owner.delete("/api/networks/{networkId}", doomed), 404);
        error(owner.put("/api/networks/{networkId}", network("x"), unknown), 404);
        error(owner.get("/api/networks/{networkId}", unknown), 404);
    }

    @Test
    void networksWhenAnotherAccountThenNeitherSeenNorTouched() {
        String networkId = ok(owner.post("/api/networks", network("office"))).text("id");
        NetloomApi.Client stranger = accounts.newAccount();

        assertThat(ok(stranger.get("/api/networks")).body()).isEmpty();
        error(stranger.get("/api/networks/{networkId}", networkId), 404);
        error(stranger.put("/api/networks/{networkId}", network("mine"), networkId), 404);
        error(stranger.delete("/api/networks/{networkId}", networkId), 404);

        assertThat(ok(stranger.get("/api/networks")).body()).isEmpty();
        assertThat(ok(owner.get("/api/networks/{networkId}", networkId)).text("name")).isEqualTo("office");
    }

    @Test
    void networksWhenCallerIsARegularUserThenForbiddenAndNothingChanged() {
        String networkId = ok(owner.post("/api/networks", network("office"))).text("id");
        NetloomApi.Client user = api.as(createToken(owner, createUser(owner, serviceUser("bot", "user"))));

        error(user.get("/api/networks"), 403);
        error(user.get("/api/networks/{networkId}", networkId), 403);
        error(user.post("/api/networks", network("lab")), 403);
        error(user.put("/api/networks/{networkId}", network("lab"), networkId), 403);
        error(user.delete("/api/networks/{networkId}", networkId), 403);

        assertThat(ids(owner.get("/api/networks"))).containsExactly(networkId);
        assertThat(ok(owner.get("/api/networks/{networkId}", networkId)).text("name")).isEqualTo("office");
    }

    @Test
    void networksWhenCallerIsAnAuditorThenReadsButCannotWrite() {
        String networkId = ok(owner.post("/api/networks", network("office"))).text("id");
        NetloomApi.Client auditor = api.as(createToken(owner, createUser(owner, serviceUser("eve", "auditor"))));

        assertThat(ids(auditor.get("/api/networks"))).containsExactly(networkId);
        ok(auditor.get("/api/networks/{networkId}", networkId));
        error(auditor.post("/api/networks", network("lab")), 403);
        error(auditor.put("/api/networks/{networkId}", network("lab"), networkId), 403);
        error(auditor.delete("/api/networks/{networkId}", networkId), 403);

        assertThat(ids(owner.get("/api/networks"))).containsExactly(networkId);
    }
}
