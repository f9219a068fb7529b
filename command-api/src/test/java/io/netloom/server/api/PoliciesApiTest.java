package io.netloom.server.api;

import static io.netloom.server.testing.TestData.createGroup;
import static io.netloom.server.testing.TestData.error;
import static io.netloom.server.testing.TestData.ids;
import static io.netloom.server.testing.TestData.ok;
import static io.netloom.server.testing.TestData.policy;
import static io.netloom.server.testing.TestData.rule;
import static io.netloom.server.testing.TestData.with;
import static io.netloom.server.testing.TestData.without;
import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.server.testing.NetloomApi;
import io.netloom.server.testing.ServerTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class PoliciesApiTest extends ServerTest {

    @Test
    void createWhenSinglePortsGivenThenShownAsPorts() {
        NetloomApi.Client owner = accounts.newAccount();
        String web = createGroup(owner, "web");
        String office = createGroup(owner, "office");

        JsonNode created = ok(owner.post("/api/policies", policy("https", true, List.of(with(
                rule("tls", List.of(office), List.of(web)), "protocol", "tcp", "ports", List.of("443", "8443"),
                "bidirectional", false, "description", "web traffic"))))).body();

        assertThat(created.get("name").asString()).isEqualTo("https");
        assertThat(created.get("enabled").asBoolean()).isTrue();
        JsonNode rule = created.get("rules").get(0);
        assertThat(rule.get("id").asString()).isNotBlank();
        assertThat(rule.get("name").asString()).isEqualTo("tls");
        assertThat(rule.get("description").asString()).isEqualTo("web traffic");
        assertThat(rule.get("action").asString()).isEqualTo("accept");
        assertThat(rule.get("protocol").asString()).isEqualTo("tcp");
        assertThat(rule.get("bidirectional").asBoolean()).isFalse();
        assertThat(rule.get("ports").valueStream().map(JsonNode::asString)).containsExactly("443", "8443");
        assertThat(rule.get("sources").findValuesAsString("id")).containsExactly(office);
        assertThat(rule.get("destinations").findValuesAsString("name")).containsExactly("web");
        JsonNode read = ok(owner.get("/api/policies/{policyId}", created.get("id").asString())).body();
        assertThat(read).isEqualTo(created);
    }

    @Test
    void createWhenPortRangesGivenThenShownAsRanges() {
        NetloomApi.Client owner = accounts.newAccount();
        String group = createGroup(owner, "g");

        JsonNode created = ok(owner.post("/api/policies", policy("range", true, List.of(with(
                rule("r", List.of(group), List.of(group)), "protocol", "udp",
                "port_ranges", List.of(Map.of("start", 8000, "end", 8100), Map.of("start", 53, "end", 53))))))).body();

        JsonNode rule = created.get("rules").get(0);
        assertThat(rule.get("protocol").asString()).isEqualTo("udp");
        assertThat(rule.get("port_ranges")).hasSize(2);
        assertThat(rule.get("port_ranges").get(0).get("start").asInt()).isEqualTo(8000);
        assertThat(rule.get("port_ranges").get(0).get("end").asInt()).isEqualTo(8100);
        assertThat(rule.get("port_ranges").get(1).get("start").asInt()).isEqualTo(53);
        assertThat(rule.has("ports")).isFalse();
    }

    @Test
    void createWhenBothPortsAndPortRangesThenUnprocessableAndNothingCreated() {
        NetloomApi.Client owner = accounts.newAccount();
        String group = createGroup(owner, "g");

        NetloomApi.Response response = owner.post("/api/policies", policy("both", true, List.of(with(
                rule("r", List.of(group), List.of(group)), "protocol", "tcp", "ports", List.of("22"),
                "port_ranges", List.of(Map.of("start", 80, "end", 90))))));

        error(response, 422);
        assertThat(response.text("message")).contains("port_ranges");
        assertThat(ok(owner.get("/api/policies")).body()).isEmpty();
    }

    @Test
    void createWhenActionDropThenUnprocessableAndNothingCreated() {
        NetloomApi.Client owner = accounts.newAccount();
        String group = createGroup(owner, "g");

        error(owner.post("/api/policies", policy("deny", true,
                List.of(with(rule("r", List.of(group), List.of(group)), "action", "drop")))), 422);

        assertThat(ok(owner.get("/api/policies")).body()).isEmpty();
    }

    @Test
    void createWhenGroupUnknownThenUnprocessableAndNothingCreated() {
        NetloomApi.Client owner = accounts.newAccount();
        String group = createGroup(owner, "g");
        String unknown = UUID.randomUUID().toString();

        NetloomApi.Response badSource = owner.post("/api/policies",
                policy("p", true, List.of(rule("r", List.of(unknown), List.of(group)))));
        NetloomApi.Response badDestination = owner.post("/api/policies",
                policy("p", true, List.of(rule("r", List.of(group), List.of(group, unknown)))));

        error(badSource, 422);
        error(badDestination, 422);
        assertThat(badSource.text("message")).contains(unknown);
        assertThat(ok(owner.get("/api/policies")).body()).isEmpty();
    }

    @Test
    void createWhenIcmpOrAllWithPortsThenUnprocessable() {
        NetloomApi.Client owner = accounts.newAccount();
        String group = createGroup(owner, "g");

        for (String protocol : List.of("icmp", "all")) {
            error(owner.post("/api/policies", policy("p", true, List.of(with(rule("r", List.of(group), List.of(group)),
                    "protocol", protocol, "ports", List.of("80"))))), 422);
            error(owner.post("/api/policies", policy("p", true, List.of(with(rule("r", List.of(group), List.of(group)),
                    "protocol", protocol, "port_ranges", List.of(Map.of("start", 1, "end", 2)))))), 422);
        }

        assertThat(ok(owner.get("/api/policies")).body()).isEmpty();
    }

    @Test
    void createWhenPortsMalformedOrOutOfRangeThenUnprocessable() {
        NetloomApi.Client owner = accounts.newAccount();
        String group = createGroup(owner, "g");
        Map<String, Object> tcp = with(rule("r", List.of(group), List.of(group)), "protocol", "tcp");

        error(owner.post("/api/policies", policy("p", true, List.of(with(tcp, "ports", List.of("ssh"))))), 422);
        error(owner.post("/api/policies", policy("p", true, List.of(with(tcp, "ports", List.of("0"))))), 422);
        error(owner.post("/api/policies", policy("p", true, List.of(with(tcp, "ports", List.of("65536"))))), 422);
        error(owner.post("/api/policies", policy("p", true, List.of(with(tcp, "ports", List.of("99999999999"))))), 422);
        error(owner.post("/api/policies", policy("p", true,
                List.of(with(tcp, "port_ranges", List.of(Map.of("start", 90, "end", 80)))))), 422);
        error(owner.post("/api/policies", policy("p", true,
                List.of(with(tcp, "port_ranges", List.of(Map.of("start", 80)))))), 422);

        assertThat(ok(owner.get("/api/policies")).body()).isEmpty();
    }

    @Test
    void createWhenPortRangeIsNullThenBadRequestNamingIt() {
        NetloomApi.Client owner = accounts.newAccount();
        String group = createGroup(owner, "g");
        List<Object> nullRange = new ArrayList<>();
        nullRange.add(null);

        NetloomApi.Response response = owner.post("/api/policies", policy("p", true, List.of(with(
                rule("r", List.of(group), List.of(group)), "protocol", "tcp", "port_ranges", nullRange))));

        error(response, 400);
        assertThat(response.text("message")).startsWith("rules[0].port_ranges[0]: must not be null");
        assertThat(ok(owner.get("/api/policies")).body()).isEmpty();
    }

    @Test
    void createWhenPostureChecksRequiredThenUnprocessableRatherThanSilentlyUnconditional() {
        NetloomApi.Client owner = accounts.newAccount();
        String group = createGroup(owner, "g");
        Map<String, Object> conditional = with(policy("p", true, List.of(rule("r", List.of(group), List.of(group)))),
                "source_posture_checks", List.of(UUID.randomUUID().toString()));

        error(owner.post("/api/policies", conditional), 422);
        String policyId = ok(owner.post("/api/policies", with(conditional, "source_posture_checks", List.of())))
                .text("id");
        error(owner.put("/api/policies/{policyId}", conditional, policyId), 422);

        assertThat(ids(owner.get("/api/policies"))).containsExactly(policyId);
    }

    @Test
    void createWhenRulesEmptyOrGroupsEmptyOrProtocolUnknownThenUnprocessable() {
        NetloomApi.Client owner = accounts.newAccount();
        String group = createGroup(owner, "g");

        error(owner.post("/api/policies", policy("p", true, List.of())), 422);
        error(owner.post("/api/policies", policy("p", true, List.of(rule("r", List.of(), List.of(group))))), 422);
        error(owner.post("/api/policies", policy("p", true, List.of(rule("r", List.of(group), List.of())))), 422);
        error(owner.post("/api/policies", policy("p", true,
                List.of(with(rule("r", List.of(group), List.of(group)), "protocol", "sctp")))), 422);
        error(owner.post("/api/policies", policy("p", true,
                List.of(without(rule("r", List.of(group), List.of(group)), "sources")))), 422);

        assertThat(ok(owner.get("/api/policies")).body()).isEmpty();
    }

    @Test
    void updateWhenRuleIdSentBackThenRuleKeepsItsIdAndNewRulesGetNewIds() {
        NetloomApi.Client owner = accounts.newAccount();
        String a = createGroup(owner, "a");
        String b = createGroup(owner, "b");
        JsonNode created = ok(owner.post("/api/policies", policy("p", true,
                List.of(rule("first", List.of(a), List.of(b)))))).body();
        String policyId = created.get("id").asString();
        String ruleId = created.get("rules").get(0).get("id").asString();

        JsonNode updated = ok(owner.put("/api/policies/{policyId}", policy("renamed", false, List.of(
                with(rule("first changed", List.of(b), List.of(a)), "id", ruleId, "protocol", "tcp",
                        "ports", List.of("22")),
                rule("second", List.of(a), List.of(a)))), policyId)).body();

        assertThat(updated.get("id").asString()).isEqualTo(policyId);
        assertThat(updated.get("name").asString()).isEqualTo("renamed");
        assertThat(updated.get("enabled").asBoolean()).isFalse();
        assertThat(updated.get("rules")).hasSize(2);
        JsonNode first = updated.get("rules").get(0);
        assertThat(first.get("id").asString()).isEqualTo(ruleId);
        assertThat(first.get("name").asString()).isEqualTo("first changed");
        assertThat(first.get("sources").findValuesAsString("id")).containsExactly(b);
        assertThat(first.get("ports").get(0).asString()).isEqualTo("22");
        String secondId = updated.get("rules").get(1).get("id").asString();
        assertThat(secondId).isNotBlank().isNotEqualTo(ruleId);
        assertThat(ok(owner.get("/api/policies/{policyId}", policyId)).body()).isEqualTo(updated);
        assertThat(ids(owner.get("/api/policies"))).containsExactly(policyId);
    }

    @Test
    void updateWhenRuleIdUnknownThenRuleGetsANewId() {
        NetloomApi.Client owner = accounts.newAccount();
        String a = createGroup(owner, "a");
        String policyId = ok(owner.post("/api/policies", policy("p", true,
                List.of(rule("r", List.of(a), List.of(a)))))).text("id");
        String foreign = UUID.randomUUID().toString();

        JsonNode updated = ok(owner.put("/api/policies/{policyId}", policy("p", true,
                List.of(with(rule("r", List.of(a), List.of(a)), "id", foreign))), policyId)).body();

        assertThat(updated.get("rules").get(0).get("id").asString()).isNotEqualTo(foreign);
    }

    @Test
    void updateWhenInvalidThenUnprocessableAndPolicyUnchanged() {
        NetloomApi.Client owner = accounts.newAccount();
        String a = createGroup(owner, "a");
        JsonNode created = ok(owner.post("/api/policies", policy("p", true,
                List.of(rule("r", List.of(a), List.of(a)))))).body();
        String policyId = created.get("id").asString();

        error(owner.put("/api/policies/{policyId}", policy("p2", true,
                List.of(with(rule("r", List.of(a), List.of(a)), "action", "drop"))), policyId), 422);
        error(owner.put("/api/policies/{policyId}", policy("p2", true,
                List.of(rule("r", List.of(UUID.randomUUID().toString()), List.of(a)))), policyId), 422);

        assertThat(ok(owner.get("/api/policies/{policyId}", policyId)).body()).isEqualTo(created);
    }

    @Test
    void deleteWhenPolicyExistsThenGone() {
        NetloomApi.Client owner = accounts.newAccount();
        String a = createGroup(owner, "a");
        String keep = ok(owner.post("/api/policies", policy("keep", true,
                List.of(rule("r", List.of(a), List.of(a)))))).text("id");
        String doomed = ok(owner.post("/api/policies", policy("doomed", true,
                List.of(rule("r", List.of(a), List.of(a)))))).text("id");

        ok(owner.delete("/api/policies/{policyId}", doomed));

        error(owner.get("/api/policies/{policyId}", doomed), 404);
        assertThat(ids(owner.get("/api/policies"))).containsExactly(keep);
        error(owner.delete("/api/policies/{policyId}", doomed), 404);
    }

    @Test
    void getWhenPolicyUnknownThenNotFound() {
        NetloomApi.Client owner = accounts.newAccount();
        String a = createGroup(owner, "a");
        String unknown = UUID.randomUUID().toString();

        error(owner.get("/api/policies/{policyId}", unknown), 404);
        error(owner.put("/api/policies/{policyId}", policy("p", true, List.of(rule("r", List.of(a), List.of(a)))),
                unknown), 404);
        error(owner.delete("/api/policies/{policyId}", unknown), 404);
    }
}
