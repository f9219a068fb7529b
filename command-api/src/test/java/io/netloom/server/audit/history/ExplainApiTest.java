package io.netloom.server.audit.history;

import static io.netloom.server.testing.TestData.accountId;
import static io.netloom.server.testing.TestData.beforeNextEvent;
import static io.netloom.server.testing.TestData.createGroup;
import static io.netloom.server.testing.TestData.createToken;
import static io.netloom.server.testing.TestData.createUser;
import static io.netloom.server.testing.TestData.currentUserId;
import static io.netloom.server.testing.TestData.error;
import static io.netloom.server.testing.TestData.ok;
import static io.netloom.server.testing.TestData.policy;
import static io.netloom.server.testing.TestData.rule;
import static io.netloom.server.testing.TestData.serviceUser;
import static io.netloom.server.testing.TestData.userUpdate;
import static io.netloom.server.testing.TestData.with;
import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.server.testing.NetloomApi;
import io.netloom.server.testing.ServerTest;
import io.netloom.server.testing.TestPeers;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * GET /api/netloom/explain on a history built through the API (enrollments, groups, a one-way port-limited policy, a
 * disabled policy, an unapproved peer, a blocked user), asked at instants recorded between the steps.
 */
class ExplainApiTest extends ServerTest {

    @Test
    void explainWhenHistoryBuiltThroughTheApiThenEachInstantIsAllowedOrDeniedWithItsReasons() {
        NetloomApi.Client owner = accounts.newAccount();
        String ownerId = currentUserId(owner);
        String key = TestPeers.createReusableKey(owner, List.of());
        String laptop = TestPeers.enroll(api.anonymous(), key, "laptop");
        String db = TestPeers.enroll(api.anonymous(), key, "db");
        String web = TestPeers.enroll(api.anonymous(), key, "web");
        String admins = createGroup(owner, "admins", laptop);
        String servers = createGroup(owner, "servers", db, web);
        String dbs = createGroup(owner, "dbs", db);
        String webs = createGroup(owner, "webs", web);
        Instant beforePolicies = beforeNextEvent();
        String ssh = ok(owner.post("/api/policies", policy("ssh", true, List.of(with(rule("ssh in", List.of(admins),
                List.of(servers)), "bidirectional", false, "protocol", "tcp", "ports", List.of("22")))))).text("id");
        String sync = ok(owner.post("/api/policies", policy("db sync", false, List.of(rule("sync", List.of(webs),
                List.of(dbs)))))).text("id");
        Instant withPolicies = Instant.now();

        assertThat(codes(explain(owner, laptop, db, "", beforePolicies))).containsExactly("no_rule");

        JsonNode allowed = explain(owner, laptop, db, "&protocol=tcp&port=22", withPolicies);
        assertThat(allowed.get("allowed").asBoolean()).isTrue();
        JsonNode granted = allowed.get("rules").get(0);
        assertThat(allowed.get("rules")).hasSize(1);
        assertThat(granted.get("policy").get("id").asString()).isEqualTo(ssh);
        assertThat(granted.get("policy").get("name").asString()).isEqualTo("ssh");
        assertThat(granted.get("rule").get("name").asString()).isEqualTo("ssh in");
        assertThat(granted.get("direction").asString()).isEqualTo("forward");
        assertThat(granted.get("protocol").asString()).isEqualTo("tcp");
        assertThat(granted.get("ports").get(0).asString()).isEqualTo("22");
        assertThat(granted.get("policy_changed_by").get("resource").get("id").asString()).isEqualTo(ssh);
        assertMembership(granted.get("source_groups").get(0), admins, "admins", ownerId);
        assertMembership(granted.get("destination_groups").get(0), servers, "servers", ownerId);
        assertThat(explain(owner, laptop, db, "", withPolicies).get("allowed").asBoolean()).isTrue();

        assertThat(codes(explain(owner, laptop, db, "&protocol=tcp&port=80", withPolicies)))
                .containsExactly("port_not_covered");
        JsonNode udp = explain(owner, laptop, db, "&protocol=udp", withPolicies);
        assertThat(codes(udp)).containsExactly("protocol_not_covered");
        assertThat(udp.get("denials").get(0).get("message").asString()).contains("tcp 22");
        assertThat(codes(explain(owner, db, laptop, "", withPolicies))).containsExactly("no_rule", "wrong_direction");
        JsonNode disabled = explain(owner, web, db, "", withPolicies);
        assertThat(codes(disabled)).containsExactly("policy_disabled");
        assertThat(disabled.get("denials").get(0).get("policy").get("name").asString()).isEqualTo("db sync");
        assertThat(disabled.get("denials").get(0).get("event").get("resource").get("id").asString()).isEqualTo(sync);

        String leaverId = createUser(owner, serviceUser("leaver", "admin"));
        String contractor = TestPeers.enroll(api.anonymous(),
                TestPeers.createReusableKey(api.as(createToken(owner, leaverId)), List.of(admins)), "contractor");
        Instant beforeBlock = beforeNextEvent();
        ok(owner.put("/api/users/{userId}", userUpdate("admin", true), leaverId));
        Instant afterBlock = Instant.now();

        assertThat(explain(owner, contractor, db, "&protocol=tcp&port=22", beforeBlock).get("allowed").asBoolean())
                .isTrue();
        JsonNode blocked = explain(owner, contractor, db, "&protocol=tcp&port=22", afterBlock);
        assertThat(codes(blocked)).containsExactly("source_owner_blocked");
        assertThat(blocked.get("denials").get(0).get("event").get("resource").get("id").asString())
                .isEqualTo(leaverId);

        ok(owner.put("/api/accounts/{accountId}", Map.of("settings", Map.of(
                "peer_login_expiration_enabled", true, "peer_login_expiration", 86400,
                "extra", Map.of("peer_approval_enabled", true))), accountId(owner)));
        String pending = TestPeers.enroll(api.anonymous(), TestPeers.createReusableKey(owner, List.of(admins)),
                "pending");
        JsonNode unapproved = explain(owner, pending, db, "", Instant.now());
        assertThat(codes(unapproved)).containsExactly("source_not_approved");
        assertThat(unapproved.get("denials").get(0).get("event").get("resource").get("id").asString())
                .isEqualTo(pending);
    }

    @Test
    void explainWhenDestinationIsAnAddressNoRouteCoversThenRouteNotGranted() {
        NetloomApi.Client owner = accounts.newAccount();
        String laptop = TestPeers.enroll(api.anonymous(), TestPeers.createReusableKey(owner, List.of()), "laptop");

        JsonNode answer = ok(owner.get("/api/netloom/explain?source={s}&destination=198.18.5.5", laptop)).body();

        assertThat(answer.get("address").asString()).isEqualTo("198.18.5.5");
        assertThat(codes(answer)).containsExactly("route_not_granted");
    }

    @Test
    void explainWhenInputBadThenClearClientErrors() {
        NetloomApi.Client owner = accounts.newAccount();
        String key = TestPeers.createReusableKey(owner, List.of());
        String a = TestPeers.enroll(api.anonymous(), key, "a");
        String b = TestPeers.enroll(api.anonymous(), key, "b");
        NetloomApi.Client stranger = accounts.newAccount();
        String theirs = TestPeers.enroll(api.anonymous(), TestPeers.createReusableKey(stranger, List.of()), "theirs");
        String path = "/api/netloom/explain?source=" + a + "&destination=" + b;

        assertThat(error(owner.get(path + "&protocol=sctp"), 400).rawBody()).contains("tcp, udp, icmp or all");
        assertThat(error(owner.get(path + "&protocol=tcp&port=0"), 400).rawBody()).contains("1..65535");
        assertThat(error(owner.get(path + "&protocol=tcp&port=http"), 400).rawBody()).contains("1..65535");
        assertThat(error(owner.get(path + "&port=22"), 400).rawBody()).contains("tcp or udp");
        assertThat(error(owner.get(path + "&protocol=icmp&port=22"), 400).rawBody()).contains("tcp or udp");
        assertThat(error(owner.get(path + "&at=2999-01-01T00:00:00Z"), 400).rawBody()).contains("future");
        assertThat(error(owner.get(path + "&at=2000-01-01T00:00:00Z"), 400).rawBody()).contains("before");
        assertThat(error(owner.get(path + "&at=yesterday"), 400).rawBody()).contains("RFC 3339");
        error(owner.get("/api/netloom/explain?destination=" + b), 400);
        error(owner.get("/api/netloom/explain?source=" + a), 400);
        error(owner.get("/api/netloom/explain?source=" + a + "&destination=" + a), 400);
        error(owner.get("/api/netloom/explain?source=nope&destination=" + b), 404);
        error(owner.get("/api/netloom/explain?source=" + a + "&destination=" + theirs), 404);
        error(owner.get("/api/netloom/explain?source=" + theirs + "&destination=" + b), 404);
    }

    @Test
    void explainWhenCallerIsAUserThenForbiddenAndWhenAuditorThenAllowed() {
        NetloomApi.Client owner = accounts.newAccount();
        String key = TestPeers.createReusableKey(owner, List.of());
        String path = "/api/netloom/explain?source=" + TestPeers.enroll(api.anonymous(), key, "a") + "&destination="
                + TestPeers.enroll(api.anonymous(), key, "b");
        NetloomApi.Client user = api.as(createToken(owner, createUser(owner, serviceUser("plain", "user"))));
        NetloomApi.Client auditor = api.as(createToken(owner, createUser(owner, serviceUser("audit", "auditor"))));

        error(user.get(path), 403);
        assertThat(ok(auditor.get(path)).body().get("allowed").asBoolean()).isFalse();
        error(api.anonymous().get(path), 401);
        assertThat(ok(owner.get("/api/netloom/openapi")).body().get("paths").has("/api/netloom/explain")).isTrue();
    }

    private static JsonNode explain(NetloomApi.Client reader, String source, String destination, String traffic,
            Instant at) {
        return ok(reader.get("/api/netloom/explain?source=" + source + "&destination=" + destination + traffic
                + "&at=" + at)).body();
    }

    private static List<String> codes(JsonNode explanation) {
        assertThat(explanation.get("allowed").asBoolean()).as("denied: %s", explanation).isFalse();
        return explanation.get("denials").valueStream().map(denial -> denial.get("code").asString()).toList();
    }

    private static void assertMembership(JsonNode membership, String group, String name, String actor) {
        assertThat(membership.get("id").asString()).isEqualTo(group);
        assertThat(membership.get("name").asString()).isEqualTo(name);
        assertThat(membership.get("all_peers").asBoolean()).isFalse();
        // Added with the owner's personal access token: the token acted, on the owner's behalf.
        assertThat(membership.get("added_by").get("actor").get("type").asString()).isEqualTo("token");
        assertThat(membership.get("added_by").get("actor").get("on_behalf_of").get("id").asString()).isEqualTo(actor);
        assertThat(membership.get("added_by").get("resource").get("id").asString()).isEqualTo(group);
    }
}
