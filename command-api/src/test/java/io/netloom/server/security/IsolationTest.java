package io.netloom.server.security;

import static io.netloom.server.testing.TestData.accountId;
import static io.netloom.server.testing.TestData.createGroup;
import static io.netloom.server.testing.TestData.createPolicy;
import static io.netloom.server.testing.TestData.createToken;
import static io.netloom.server.testing.TestData.createUser;
import static io.netloom.server.testing.TestData.currentUserId;
import static io.netloom.server.testing.TestData.error;
import static io.netloom.server.testing.TestData.group;
import static io.netloom.server.testing.TestData.groupNamed;
import static io.netloom.server.testing.TestData.ids;
import static io.netloom.server.testing.TestData.ok;
import static io.netloom.server.testing.TestData.peerUpdate;
import static io.netloom.server.testing.TestData.policy;
import static io.netloom.server.testing.TestData.regularUser;
import static io.netloom.server.testing.TestData.rule;
import static io.netloom.server.testing.TestData.serviceUser;
import static io.netloom.server.testing.TestData.tokenRequest;
import static io.netloom.server.testing.TestData.userUpdate;
import static io.netloom.server.testing.TestData.with;
import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.server.testing.NetloomApi;
import io.netloom.server.testing.ServerTest;
import io.netloom.server.testing.TestPeers;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two accounts on one server: nothing of account A can be seen, changed or referenced from account B. */
class IsolationTest extends ServerTest {

    private NetloomApi.Client a;
    private NetloomApi.Client b;
    private String aAccount;
    private String aOwner;
    private String aGroup;
    private String aAll;
    private String aKeyId;
    private String aPlainKey;
    private String aPeer;
    private String aPolicy;
    private String aBot;
    private String aBotToken;
    private String aPerson;

    @BeforeEach
    void createTwoAccounts() {
        a = accounts.newAccount();
        b = accounts.newAccount();
        aAccount = accountId(a);
        aOwner = currentUserId(a);
        aAll = groupNamed(a, "All");
        aGroup = createGroup(a, "a servers");
        var key = ok(a.post("/api/setup-keys", TestPeers.reusableKey("a key", List.of(aGroup)))).body();
        aKeyId = key.get("id").asString();
        aPlainKey = key.get("key").asString();
        aPeer = TestPeers.enroll(api.anonymous(), aPlainKey, "a-box");
        aPolicy = createPolicy(a, "a policy", List.of(aGroup), List.of(aAll));
        aBot = createUser(a, serviceUser("a bot", "admin"));
        createToken(a, aBot);
        aBotToken = ids(a.get("/api/users/{userId}/tokens", aBot)).get(0);
        aPerson = createUser(a, regularUser("a-person@example.com", "user"));
    }

    @Test
    void everyEndpointWhenGivenAnotherAccountsIdThenNotFoundAndNothingChanges() {
        Map<String, String> before = snapshot(a);
        String bSelf = currentUserId(b);
        Map<String, NetloomApi.Response> answers = new LinkedHashMap<>();

        answers.put("GET peer", b.get("/api/peers/{peerId}", aPeer));
        answers.put("GET accessible peers", b.get("/api/peers/{peerId}/accessible-peers", aPeer));
        answers.put("GET network map", b.get("/api/peers/{peerId}/network-map", aPeer));
        answers.put("PUT peer", b.put("/api/peers/{peerId}", peerUpdate("stolen"), aPeer));
        answers.put("DELETE peer", b.delete("/api/peers/{peerId}", aPeer));
        for (String groupId : List.of(aGroup, aAll)) {
            answers.put("GET group " + groupId, b.get("/api/groups/{groupId}", groupId));
            answers.put("PUT group " + groupId, b.put("/api/groups/{groupId}", group("stolen", List.of()), groupId));
            answers.put("DELETE group " + groupId, b.delete("/api/groups/{groupId}", groupId));
        }
        answers.put("GET setup key", b.get("/api/setup-keys/{keyId}", aKeyId));
        answers.put("PUT setup key", b.put("/api/setup-keys/{keyId}",
                Map.of("revoked", true, "auto_groups", List.of()), aKeyId));
        answers.put("DELETE setup key", b.delete("/api/setup-keys/{keyId}", aKeyId));
        answers.put("GET policy", b.get("/api/policies/{policyId}", aPolicy));
        answers.put("PUT policy", b.put("/api/policies/{policyId}", policy("stolen", false,
                List.of(rule("r", List.of(groupNamed(b, "All")), List.of(groupNamed(b, "All"))))), aPolicy));
        answers.put("DELETE policy", b.delete("/api/policies/{policyId}", aPolicy));
        for (String userId : List.of(aOwner, aBot, aPerson)) {
            answers.put("PUT user " + userId, b.put("/api/users/{userId}", userUpdate("user", true), userId));
            answers.put("DELETE user " + userId, b.delete("/api/users/{userId}", userId));
            answers.put("GET tokens of " + userId, b.get("/api/users/{userId}/tokens", userId));
            answers.put("POST token for " + userId, b.post("/api/users/{userId}/tokens", tokenRequest("t", 1), userId));
        }
        answers.put("GET token", b.get("/api/users/{userId}/tokens/{tokenId}", aBot, aBotToken));
        answers.put("DELETE token", b.delete("/api/users/{userId}/tokens/{tokenId}", aBot, aBotToken));
        answers.put("GET token via own user", b.get("/api/users/{userId}/tokens/{tokenId}", bSelf, aBotToken));
        answers.put("DELETE token via own user", b.delete("/api/users/{userId}/tokens/{tokenId}", bSelf, aBotToken));
        answers.put("PUT account", b.put("/api/accounts/{accountId}",
                Map.of("settings", Map.of("dns_domain", "stolen.example")), aAccount));
        answers.put("DELETE account", b.delete("/api/accounts/{accountId}", aAccount));

        answers.forEach((what, response) -> {
            assertThat(response.status()).as(what + ": " + response.rawBody()).isEqualTo(404);
            assertThat(response.rawBody()).as(what).doesNotContain("a servers", "a key", "a policy", "a bot");
        });
        assertThat(snapshot(a)).isEqualTo(before);
    }

    @Test
    void listsWhenAnotherAccountHasResourcesThenNoneOfItsIdsAppear() {
        List<String> aIds = List.of(aAccount, aOwner, aGroup, aAll, aKeyId, aPeer, aPolicy, aBot, aBotToken, aPerson);

        for (String path : List.of("/api/accounts", "/api/peers", "/api/groups", "/api/setup-keys", "/api/policies",
                "/api/users", "/api/users/current", "/api/events/audit")) {
            String body = ok(b.get(path)).rawBody();
            for (String id : aIds) {
                assertThat(body).as(path).doesNotContain(id);
            }
        }
        assertThat(ok(b.get("/api/users/{userId}/tokens", currentUserId(b))).rawBody())
                .doesNotContain(aBotToken);
        assertThat(ok(b.get("/api/peers")).body()).isEmpty();
        assertThat(ok(b.get("/api/groups")).body()).hasSize(1);
    }

    @Test
    void requestsWhenReferencingAnotherAccountsGroupsOrPeersThenUnprocessableAndNothingChanges() {
        String bGroup = createGroup(b, "b servers");
        String bAll = groupNamed(b, "All");
        String bKey = ok(b.post("/api/setup-keys", TestPeers.reusableKey("b key", List.of()))).text("id");
        String bPolicy = createPolicy(b, "b policy", List.of(bAll), List.of(bAll));
        String bBot = createUser(b, serviceUser("b bot", "user"));
        Map<String, String> aBefore = snapshot(a);
        Map<String, String> bBefore = snapshot(b);

        error(b.post("/api/groups", group("with a peer", List.of(aPeer))), 422);
        error(b.put("/api/groups/{groupId}", group("b servers", List.of(aPeer)), bGroup), 422);
        error(b.post("/api/setup-keys", TestPeers.reusableKey("k", List.of(aGroup))), 422);
        error(b.put("/api/setup-keys/{keyId}", Map.of("revoked", false, "auto_groups", List.of(aGroup)), bKey), 422);
        error(b.post("/api/policies", policy("p", true, List.of(rule("r", List.of(aGroup), List.of(bAll))))), 422);
        error(b.post("/api/policies", policy("p", true, List.of(rule("r", List.of(bAll), List.of(aAll))))), 422);
        error(b.put("/api/policies/{policyId}", policy("b policy", true,
                List.of(rule("r", List.of(bAll), List.of(aGroup)))), bPolicy), 422);
        error(b.post("/api/users", with(serviceUser("x", "user"), "auto_groups", List.of(aGroup))), 422);
        error(b.put("/api/users/{userId}", with(userUpdate("user", false), "auto_groups", List.of(aGroup)), bBot), 422);

        assertThat(snapshot(a)).isEqualTo(aBefore);
        assertThat(snapshot(b)).isEqualTo(bBefore);
    }

    @Test
    void enrollWhenSetupKeyOfAccountAThenPeerJoinsAccountAOnly() {
        String publicKey = TestPeers.newPublicKey();

        NetloomApi.Response enrolled = api.anonymous().post("/api/netloom/enroll",
                TestPeers.enrollment(aPlainKey, publicKey, "second-a-box"));

        String peerId = ok(enrolled).text("peer_id");
        assertThat(ids(a.get("/api/peers"))).containsExactlyInAnyOrder(aPeer, peerId);
        assertThat(ok(b.get("/api/peers")).body()).isEmpty();
        error(b.get("/api/peers/{peerId}", peerId), 404);
        String bKey = TestPeers.createReusableKey(b, List.of());
        NetloomApi.Response hijack =
                api.anonymous().post("/api/netloom/enroll", TestPeers.enrollment(bKey, publicKey, "hijack"));
        error(hijack, 401);
        assertThat(hijack.text("message")).isEqualTo("setup key is invalid");
        assertThat(ok(b.get("/api/peers")).body()).isEmpty();
        assertThat(ok(a.get("/api/peers/{peerId}", peerId)).text("name")).isEqualTo("second-a-box");
    }

    @Test
    void tokenWhenOfAccountAThenItActsInAccountAOnly() {
        NetloomApi.Client bot = api.as(createToken(a, aBot));
        String bAccount = accountId(b);

        assertThat(ids(bot.get("/api/accounts"))).containsExactly(aAccount);
        error(bot.put("/api/accounts/{accountId}", Map.of("settings", Map.of("dns_domain", "x.example")), bAccount),
                404);
        error(bot.get("/api/groups/{groupId}", groupNamed(b, "All")), 404);
        assertThat(ok(b.get("/api/accounts")).body().get(0).get("settings").get("dns_domain").asString())
                .isEqualTo("netloom.internal");
    }

    private static Map<String, String> snapshot(NetloomApi.Client owner) {
        Map<String, String> state = new LinkedHashMap<>();
        for (String path : List.of("/api/accounts", "/api/peers", "/api/groups", "/api/setup-keys", "/api/policies",
                "/api/users", "/api/events/audit")) {
            state.put(path, ok(owner.get(path)).rawBody());
        }
        return state;
    }
}
