package io.netloom.server.api;

import static io.netloom.server.testing.TestData.accountId;
import static io.netloom.server.testing.TestData.createGroup;
import static io.netloom.server.testing.TestData.currentUserId;
import static io.netloom.server.testing.TestData.error;
import static io.netloom.server.testing.TestData.ok;
import static io.netloom.server.testing.TestData.peerUpdate;
import static io.netloom.server.testing.TestData.policy;
import static io.netloom.server.testing.TestData.rule;
import static io.netloom.server.testing.TestData.serviceUser;
import static io.netloom.server.testing.TestData.userUpdate;
import static io.netloom.server.testing.TestData.with;
import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.server.testing.NetloomApi;
import io.netloom.server.testing.ServerTest;
import io.netloom.server.testing.TestPeers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * No scalar coercion: a value of the wrong JSON type is a 400 that names the field by its JSON
 * path, however harmless a conversion would look, and nothing is stored.
 */
class StrictInputTest extends ServerTest {

    private NetloomApi.Client owner;
    private String group;
    private String plainKey;
    private String peer;
    private String bot;
    private String self;

    @BeforeEach
    void createAccount() {
        owner = accounts.newAccount();
        group = createGroup(owner, "servers");
        plainKey = TestPeers.createReusableKey(owner, List.of(group));
        peer = TestPeers.enroll(api.anonymous(), plainKey, "box");
        bot = ok(owner.post("/api/users", serviceUser("bot", "user"))).text("id");
        self = currentUserId(owner);
    }

    @Test
    void createGroupWhenNameIsNumberOrBooleanThenBadRequestNamingTheFieldAndNoGroupCreated() {
        Map<String, String> before = snapshot();

        for (Object coercible : List.of(5, true, false, 5.5, -0, 1e3)) {
            NetloomApi.Response response = error(owner.post("/api/groups", Map.of("name", coercible)), 400);
            assertThat(response.text("message")).as(response.rawBody()).startsWith("name: expected a string");
        }

        assertThat(snapshot()).isEqualTo(before);
        assertThat(ok(owner.get("/api/groups")).body().valueStream().map(group -> group.get("name").asString()))
                .containsExactly("All", "servers");
    }

    @Test
    void writeWhenAnyFieldHasAnotherJsonTypeThenBadRequestNamingItsPathAndNothingChanged() {
        Map<String, String> before = snapshot();
        Map<String, Object> key = TestPeers.reusableKey("k", List.of(group));
        Map<String, Object> validRule = rule("r", List.of(group), List.of(group));
        Map<String, Object> ranged = with(validRule, "protocol", "tcp",
                "port_ranges", List.of(Map.of("start", 80, "end", 90)));
        List<Refusal> refusals = new ArrayList<>();

        // a string where a number is expected, a float where an integer is, a number or string where a boolean is
        refusals.add(new Refusal("POST", "/api/setup-keys", with(key, "expires_in", "86400"), "expires_in"));
        refusals.add(new Refusal("POST", "/api/setup-keys", with(key, "expires_in", 86400.0), "expires_in"));
        refusals.add(new Refusal("POST", "/api/setup-keys", with(key, "expires_in", 86400.5), "expires_in"));
        refusals.add(new Refusal("POST", "/api/setup-keys", with(key, "usage_limit", true), "usage_limit"));
        refusals.add(new Refusal("POST", "/api/setup-keys", with(key, "usage_limit", "0"), "usage_limit"));
        refusals.add(new Refusal("POST", "/api/setup-keys", with(key, "ephemeral", "true"), "ephemeral"));
        refusals.add(new Refusal("POST", "/api/setup-keys", with(key, "ephemeral", 1), "ephemeral"));
        refusals.add(new Refusal("POST", "/api/setup-keys", with(key, "name", 7), "name"));
        refusals.add(new Refusal("POST", "/api/setup-keys", with(key, "type", true), "type"));
        // a scalar where an array is expected, wrong or null elements inside one
        refusals.add(new Refusal("POST", "/api/setup-keys", with(key, "auto_groups", group), "auto_groups"));
        refusals.add(new Refusal("POST", "/api/setup-keys", with(key, "auto_groups", List.of(group, 5)),
                "auto_groups[1]"));
        refusals.add(new Refusal("POST", "/api/setup-keys", with(key, "auto_groups", Arrays.asList(group, null)),
                "auto_groups[1]"));
        refusals.add(new Refusal("POST", "/api/groups", Map.of("name", "g", "peers", List.of(5)), "peers[0]"));
        refusals.add(new Refusal("POST", "/api/groups", Map.of("name", List.of("g")), "name"));
        refusals.add(new Refusal("PUT", "/api/groups/" + group, Map.of("name", false), "name"));
        // nested: policy rules and their port ranges
        refusals.add(new Refusal("POST", "/api/policies", policy("p", true, List.of(with(validRule, "name", 5))),
                "rules[0].name"));
        refusals.add(new Refusal("POST", "/api/policies",
                policy("p", true, List.of(validRule, with(validRule, "bidirectional", "true"))),
                "rules[1].bidirectional"));
        refusals.add(new Refusal("POST", "/api/policies", policy("p", true, List.of(with(ranged,
                "port_ranges", List.of(Map.of("start", "80", "end", 90))))), "rules[0].port_ranges[0].start"));
        refusals.add(new Refusal("POST", "/api/policies", policy("p", true, List.of(with(ranged,
                "port_ranges", List.of(Map.of("start", 80, "end", 90.0))))), "rules[0].port_ranges[0].end"));
        refusals.add(new Refusal("POST", "/api/policies", policy("p", true, List.of(with(validRule,
                "sources", List.of(Map.of("id", group))))), "rules[0].sources[0]"));
        refusals.add(new Refusal("POST", "/api/policies", with(policy("p", true, List.of(validRule)), "enabled", 1),
                "enabled"));
        refusals.add(new Refusal("PUT", "/api/policies/" + createdPolicy(validRule),
                policy("p", true, List.of(with(validRule, "protocol", 6))), "rules[0].protocol"));
        // the other writers
        refusals.add(new Refusal("PUT", "/api/peers/" + peer, with(peerUpdate("p"), "ssh_enabled", "false"),
                "ssh_enabled"));
        refusals.add(new Refusal("PUT", "/api/peers/" + peer, with(peerUpdate("p"), "ip", 1684275201), "ip"));
        refusals.add(new Refusal("POST", "/api/users", with(serviceUser("x", "user"), "is_service_user", "true"),
                "is_service_user"));
        refusals.add(new Refusal("PUT", "/api/users/" + bot, with(userUpdate("user", false), "role", 2), "role"));
        refusals.add(new Refusal("POST", "/api/users/" + self + "/tokens", Map.of("name", "t", "expires_in", "30"),
                "expires_in"));
        refusals.add(new Refusal("POST", "/api/users/" + self + "/tokens", Map.of("name", "t", "expires_in", 1.5),
                "expires_in"));
        refusals.add(new Refusal("PUT", "/api/accounts/" + accountId(owner),
                Map.of("settings", Map.of("peer_login_expiration_enabled", true, "peer_login_expiration", "3600")),
                "settings.peer_login_expiration"));
        // enrollment, before the setup key is even looked at
        refusals.add(new Refusal("POST", "/api/netloom/enroll",
                with(TestPeers.enrollment(plainKey, TestPeers.newPublicKey(), "x"), "hostname", 42), "hostname"));
        refusals.add(new Refusal("POST", "/api/netloom/enroll",
                with(TestPeers.enrollment(plainKey, TestPeers.newPublicKey(), "x"), "setup_key", 123), "setup_key"));
        Map<String, String> afterPolicy = snapshot();

        for (Refusal refusal : refusals) {
            NetloomApi.Client client = refusal.path().startsWith("/api/netloom/") ? api.anonymous() : owner;
            NetloomApi.Response response = error(refusal.method().equals("POST")
                    ? client.post(refusal.path(), refusal.body()) : client.put(refusal.path(), refusal.body()), 400);
            assertThat(response.text("message")).as(refusal + " → " + response.rawBody())
                    .startsWith(refusal.field() + ": ")
                    .doesNotContain("java.", "tools.jackson", "io.netloom");
        }

        assertThat(snapshot()).isEqualTo(afterPolicy);
        assertThat(before).isNotEqualTo(afterPolicy);
    }

    @Test
    void writeWhenObjectHasDuplicateKeysThenBadRequestAndNothingChanged() {
        Map<String, String> before = snapshot();

        NetloomApi.Response response = error(owner.sendRaw("POST", "/api/groups", "application/json",
                "{\"name\": \"harmless\", \"name\": \"All\"}"), 400);

        assertThat(response.text("message")).contains("duplicate", "name");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void writeWhenTypesExactThenStillAccepted() {
        Map<String, Object> key = with(TestPeers.reusableKey("k", List.of(group)), "ephemeral", false,
                "expires_in", 86400L, "usage_limit", 3);

        ok(owner.post("/api/setup-keys", key));
        ok(owner.post("/api/policies", policy("exact", true, List.of(with(rule("r", List.of(group), List.of(group)),
                "protocol", "tcp", "port_ranges", List.of(Map.of("start", 80, "end", 90)))))));
        ok(owner.post("/api/groups", Map.of("name", "5")));
    }

    private String createdPolicy(Map<String, Object> validRule) {
        return ok(owner.post("/api/policies", policy("existing", true, List.of(validRule)))).text("id");
    }

    private Map<String, String> snapshot() {
        Map<String, String> state = new LinkedHashMap<>();
        for (String path : List.of("/api/accounts", "/api/peers", "/api/groups", "/api/setup-keys", "/api/policies",
                "/api/users", "/api/events/audit")) {
            state.put(path, ok(owner.get(path)).rawBody());
        }
        state.put("tokens", ok(owner.get("/api/users/{userId}/tokens", self)).rawBody());
        return state;
    }

    private record Refusal(String method, String path, Object body, String field) {
    }
}
