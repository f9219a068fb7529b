package io.netloom.server.audit.history;

import static io.netloom.server.testing.TestData.createGroup;
import static io.netloom.server.testing.TestData.createToken;
import static io.netloom.server.testing.TestData.createUser;
import static io.netloom.server.testing.TestData.currentUserId;
import static io.netloom.server.testing.TestData.error;
import static io.netloom.server.testing.TestData.group;
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

class AccessHistoryApiTest extends ServerTest {

    private static final String PATH = "/api/netloom/access-history?source={source}&destination={destination}";

    @Test
    void accessHistoryWhenAccessGrantedRevokedAndBlockedThenIntervalsCiteTheAdminsEvents() {
        Story story = new Story(accounts.newAccount());
        NetloomApi.Client owner = story.owner;
        String admin = currentUserId(owner);

        JsonNode answer = ok(owner.get(PATH, story.laptop, story.server)).body();

        assertThat(answer.get("from").asString()).isNotBlank();
        JsonNode intervals = answer.get("intervals");
        assertThat(intervals).hasSize(3);
        assertInterval(intervals.get(0), story.added, story.removed, "PeersAddedToGroup", "PeersRemovedFromGroup",
                "Group", story.staff, "Group", story.staff, admin);
        assertInterval(intervals.get(1), story.readded, story.disabled, "PeersAddedToGroup", "PolicyUpdated", "Group",
                story.staff, "Policy", story.policy, admin);
        assertInterval(intervals.get(2), story.enabled, story.blocked, "PolicyUpdated", "UserBlocked", "Policy",
                story.policy, "User", story.enroller, admin);
        assertThat(intervals.get(0).get("flows")).singleElement()
                .satisfies(flow -> assertThat(flow.get("protocol").asString()).isEqualTo("all"));
        JsonNode narrowed = intervals.get(2).get("changes");
        assertThat(narrowed).singleElement().satisfies(change -> {
            assertThat(change.get("event").get("kind").asString()).isEqualTo("PolicyUpdated");
            assertThat(change.get("flows").get(0).get("protocol").asString()).isEqualTo("tcp");
            assertThat(change.get("flows").get(0).get("ports").get(0).asString()).isEqualTo("22");
        });
        assertThat(intervals.get(0).get("open_at_from").asBoolean()).isFalse();
    }

    @Test
    void accessHistoryWhenWindowStartsDuringAccessThenOpenAtFromCitingTheEarlierEvent() {
        Story story = new Story(accounts.newAccount());

        JsonNode answer = ok(story.owner.get(PATH + "&from={from}&to={to}", story.laptop, story.server,
                story.disabled, story.enabled)).body();

        JsonNode intervals = answer.get("intervals");
        assertThat(intervals).hasSize(1);
        JsonNode first = intervals.get(0);
        assertThat(first.get("open_at_from").asBoolean()).isTrue();
        assertThat(Instant.parse(first.get("since").asString())).isEqualTo(story.disabled);
        assertThat(first.get("opened_by").get("kind").asString()).isEqualTo("PeersAddedToGroup");
        assertThat(Instant.parse(first.get("opened_by").get("time").asString())).isAfter(story.readded)
                .isBefore(story.disabled);
        assertThat(first.get("closed_by").get("kind").asString()).isEqualTo("PolicyUpdated");
    }

    @Test
    void accessHistoryWhenStillOpenThenClosedByAndUntilAreNull() {
        NetloomApi.Client owner = accounts.newAccount();
        String key = TestPeers.createReusableKey(owner, List.of());
        String laptop = TestPeers.enroll(api.anonymous(), key, "laptop");
        String server = TestPeers.enroll(api.anonymous(), key, "server");
        String staff = createGroup(owner, "staff", laptop);
        String servers = createGroup(owner, "servers", server);
        ok(owner.post("/api/policies", policy("ssh", true, List.of(rule("ssh", List.of(staff), List.of(servers))))));

        JsonNode interval = ok(owner.get(PATH, laptop, server)).body().get("intervals").get(0);

        assertThat(interval.get("closed_by").isNull()).isTrue();
        assertThat(interval.get("until").isNull()).isTrue();
        assertThat(interval.get("opened_by").get("kind").asString()).isEqualTo("PolicyCreated");
    }

    @Test
    void accessHistoryWhenInputIsBadThenClearErrorsAndForeignPeersAreUnknown() {
        NetloomApi.Client owner = accounts.newAccount();
        Instant beforeAccount = Instant.now().minusSeconds(3600);
        String key = TestPeers.createReusableKey(owner, List.of());
        String laptop = TestPeers.enroll(api.anonymous(), key, "laptop");
        String server = TestPeers.enroll(api.anonymous(), key, "server");
        NetloomApi.Client stranger = accounts.newAccount();
        String theirs = TestPeers.enroll(api.anonymous(), TestPeers.createReusableKey(stranger, List.of()), "theirs");
        NetloomApi.Client user = api.as(createToken(owner, createUser(owner, serviceUser("plain", "user"))));
        NetloomApi.Client auditor = api.as(createToken(owner, createUser(owner, serviceUser("audit", "auditor"))));
        Instant now = Instant.now();

        error(owner.get("/api/netloom/access-history?destination={d}", server), 400);
        error(owner.get(PATH, laptop, laptop), 400);
        error(owner.get(PATH + "&from=yesterday", laptop, server), 400);
        error(owner.get(PATH + "&from={from}&to={to}", laptop, server, now, now.minusSeconds(60)), 400);
        error(owner.get(PATH + "&to={to}", laptop, server, now.plusSeconds(3600)), 400);
        error(owner.get(PATH + "&from={from}", laptop, server, now.plusSeconds(3600)), 400);
        error(owner.get(PATH + "&to={to}", laptop, server, beforeAccount), 400);
        error(owner.get(PATH, laptop, theirs), 404);
        error(owner.get(PATH, "no-such-peer", server), 404);
        error(owner.get(PATH, "not!an!id", server), 400);
        error(user.get(PATH, laptop, server), 403);
        assertThat(ok(auditor.get(PATH + "&from={from}", laptop, server, beforeAccount)).body().get("from")
                .asString()).isNotEqualTo(beforeAccount.toString());
        error(stranger.get(PATH, laptop, server), 404);
    }

    @Test
    void openApiWhenFetchedThenDocumentsTheAccessHistory() {
        NetloomApi.Client owner = accounts.newAccount();

        JsonNode paths = ok(owner.get("/api/netloom/openapi")).body().get("paths");

        assertThat(paths.has("/api/netloom/access-history")).isTrue();
    }

    /** The interval opened by the step started at {@code opening} and closed by the one started at {@code closing}. */
    private static void assertInterval(JsonNode interval, Instant opening, Instant closing, String openedKind,
            String closedKind, String openedType, String openedId, String closedType, String closedId, String actor) {
        JsonNode opened = interval.get("opened_by");
        JsonNode closed = interval.get("closed_by");
        assertThat(opened.get("kind").asString()).isEqualTo(openedKind);
        assertThat(closed.get("kind").asString()).isEqualTo(closedKind);
        assertThat(opened.get("resource").get("type").asString()).isEqualTo(openedType);
        assertThat(opened.get("resource").get("id").asString()).isEqualTo(openedId);
        assertThat(closed.get("resource").get("type").asString()).isEqualTo(closedType);
        assertThat(closed.get("resource").get("id").asString()).isEqualTo(closedId);
        for (JsonNode event : List.of(opened, closed)) {
            // The test's clients call with personal access tokens: the token acted, on behalf of its user.
            assertThat(event.get("actor").get("type").asString()).isEqualTo("token");
            assertThat(event.get("actor").get("name").asString()).isNotBlank();
            assertThat(event.get("actor").get("on_behalf_of").get("type").asString()).isEqualTo("user");
            assertThat(event.get("actor").get("on_behalf_of").get("id").asString()).isEqualTo(actor);
        }
        Instant since = Instant.parse(interval.get("since").asString());
        Instant until = Instant.parse(interval.get("until").asString());
        assertThat(since).isAfterOrEqualTo(opening).isBefore(closing).isBefore(until);
        assertThat(until).isAfterOrEqualTo(closing);
    }

    /**
     * A laptop enrolled with a setup key of an "enroller" admin (so blocking that admin cuts it), a server, a policy
     * letting staff reach servers; then, by the owner: the laptop added to staff, removed, added again, the policy
     * disabled, enabled, narrowed to SSH, and the enroller blocked. Each instant is taken just before the step.
     */
    private final class Story {
        final NetloomApi.Client owner;
        final String enroller;
        final String laptop;
        final String server;
        final String staff;
        final String policy;
        final Instant added;
        final Instant removed;
        final Instant readded;
        final Instant disabled;
        final Instant enabled;
        final Instant blocked;

        Story(NetloomApi.Client owner) {
            this.owner = owner;
            enroller = createUser(owner, serviceUser("enroller", "admin"));
            NetloomApi.Client enrolling = api.as(createToken(owner, enroller));
            laptop = TestPeers.enroll(api.anonymous(), TestPeers.createReusableKey(enrolling, List.of()), "laptop");
            server = TestPeers.enroll(api.anonymous(), TestPeers.createReusableKey(owner, List.of()), "server");
            staff = createGroup(owner, "staff");
            String servers = createGroup(owner, "servers", server);
            Map<String, Object> ssh = rule("ssh", List.of(staff), List.of(servers));
            policy = ok(owner.post("/api/policies", policy("ssh", true, List.of(ssh)))).text("id");
            added = Instant.now();
            ok(owner.put("/api/groups/{groupId}", group("staff", List.of(laptop)), staff));
            removed = Instant.now();
            ok(owner.put("/api/groups/{groupId}", group("staff", List.of()), staff));
            readded = Instant.now();
            ok(owner.put("/api/groups/{groupId}", group("staff", List.of(laptop)), staff));
            disabled = Instant.now();
            ok(owner.put("/api/policies/{policyId}", policy("ssh", false, List.of(ssh)), policy));
            enabled = Instant.now();
            ok(owner.put("/api/policies/{policyId}", policy("ssh", true, List.of(ssh)), policy));
            ok(owner.put("/api/policies/{policyId}", policy("ssh", true,
                    List.of(with(ssh, "protocol", "tcp", "ports", List.of("22")))), policy));
            blocked = Instant.now();
            ok(owner.put("/api/users/{userId}", userUpdate("admin", true), enroller));
        }
    }
}
