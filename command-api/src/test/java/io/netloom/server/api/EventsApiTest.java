package io.netloom.server.api;

import static io.netloom.server.testing.TestData.accountId;
import static io.netloom.server.testing.TestData.createGroup;
import static io.netloom.server.testing.TestData.createToken;
import static io.netloom.server.testing.TestData.createUser;
import static io.netloom.server.testing.TestData.currentUserId;
import static io.netloom.server.testing.TestData.error;
import static io.netloom.server.testing.TestData.ok;
import static io.netloom.server.testing.TestData.serviceUser;
import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.server.testing.Concurrently;
import io.netloom.server.testing.NetloomApi;
import io.netloom.server.testing.ServerTest;
import io.netloom.server.testing.TestPeers;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class EventsApiTest extends ServerTest {

    private static final String GENESIS = "0".repeat(64);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void exportWhenAccountHasHistoryThenEveryEventIsALineLinkedToThePreviousOne() {
        NetloomApi.Client owner = accounts.newAccount();
        String group = createGroup(owner, "servers");

        List<JsonNode> lines = export(owner, "");

        assertThat(lines).extracting(line -> line.get("position").asLong())
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, lines.size()).boxed().toList());
        assertThat(lines.get(0).get("previous_hash").asString()).isEqualTo(GENESIS);
        for (int i = 1; i < lines.size(); i++) {
            assertThat(lines.get(i).get("previous_hash").asString()).isEqualTo(lines.get(i - 1).get("hash").asString());
        }
        assertThat(lines.get(0).get("type").asString()).endsWith("AccountCreatedEvent");
        assertThat(lines.get(0).get("actor").asString()).isEqualTo("system");
        JsonNode created = lines.get(lines.size() - 1);
        assertThat(created.get("type").asString()).endsWith("GroupCreatedEvent");
        assertThat(created.get("aggregate_id").asString()).isEqualTo(group);
        assertThat(created.get("actor").asString()).isEqualTo(currentUserId(owner));
        assertThat(created.get("payload").get("name").asString()).isEqualTo("servers");
        assertThat(created.get("global_index").asLong()).isPositive();
        assertThat(Instant.parse(created.get("time").asString())).isBefore(Instant.now());
        JsonNode verified = ok(owner.get("/api/netloom/events/verify")).body();
        assertThat(verified.get("ok").asBoolean()).isTrue();
        assertThat(verified.get("events_checked").asLong()).isEqualTo(lines.size());
    }

    @Test
    void exportWhenAnotherAccountHasEventsThenNoneOfThemAppear() {
        NetloomApi.Client owner = accounts.newAccount();
        NetloomApi.Client stranger = accounts.newAccount();
        String strangerGroup = createGroup(stranger, "theirs");

        String body = ok(owner.get("/api/netloom/events")).rawBody();

        assertThat(body).contains(accountId(owner)).doesNotContain(accountId(stranger)).doesNotContain(strangerGroup);
        assertThat(ok(stranger.get("/api/netloom/events")).rawBody()).contains(strangerGroup);
    }

    @Test
    void exportWhenTimeWindowGivenThenOnlyTheEventsInsideIt() {
        NetloomApi.Client owner = accounts.newAccount();
        String before = createGroup(owner, "before");
        Instant between = Instant.now();
        String after = createGroup(owner, "after");

        String earlier = ok(owner.get("/api/netloom/events?to={to}&format=jsonl", between)).rawBody();
        String later = ok(owner.get("/api/netloom/events?from={from}", between)).rawBody();

        assertThat(earlier).contains(before).doesNotContain(after);
        assertThat(later).contains(after).doesNotContain(before);
    }

    @Test
    void exportWhenHistoryLongerThanOnePageThenEveryEventOnceInOrder() {
        NetloomApi.Client owner = accounts.newAccount();
        for (int i = 0; i < 510; i++) {
            createGroup(owner, "g" + i);
        }

        List<JsonNode> lines = export(owner, "");

        assertThat(lines.size()).isGreaterThan(510);
        assertThat(lines).extracting(line -> line.get("position").asLong())
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, lines.size()).boxed().toList());
        assertThat(ok(owner.get("/api/netloom/events/verify")).body().get("events_checked").asLong())
                .isEqualTo(lines.size());
    }

    @Test
    void verifyWhenDevicesOfOneAccountEnrollConcurrentlyThenTheChainStaysWhole() {
        NetloomApi.Client owner = accounts.newAccount();
        String key = TestPeers.createReusableKey(owner, List.of());

        List<String> peers = Concurrently.run(8, device -> TestPeers.enroll(api.anonymous(), key, "box-" + device));

        String body = ok(owner.get("/api/netloom/events")).rawBody();
        assertThat(peers).allSatisfy(peer -> assertThat(body).contains(peer));
        JsonNode verified = ok(owner.get("/api/netloom/events/verify")).body();
        assertThat(verified.get("ok").asBoolean()).isTrue();
        assertThat(verified.get("events_checked").asLong()).isEqualTo(export(owner, "").size());
    }

    @Test
    void verifyWhenPayloadAlteredInPostgresThenReportsThatEvent() {
        NetloomApi.Client owner = accounts.newAccount();
        createGroup(owner, "servers");
        createGroup(owner, "later");
        JsonNode altered = export(owner, "").stream()
                .filter(line -> line.get("payload").path("name").asString("").equals("servers")).findFirst()
                .orElseThrow();

        jdbc.update("UPDATE domainevententry SET payload = convert_to(replace(convert_from(payload, 'UTF8'),"
                + " 'servers', 'hacked'), 'UTF8') WHERE eventidentifier = ?", altered.get("event_id").asString());

        JsonNode verified = ok(owner.get("/api/netloom/events/verify")).body();
        assertThat(verified.get("ok").asBoolean()).isFalse();
        JsonNode broken = verified.get("first_break");
        assertThat(broken.get("position").asLong()).isEqualTo(altered.get("position").asLong());
        assertThat(broken.get("event_id").asString()).isEqualTo(altered.get("event_id").asString());
        assertThat(broken.get("expected").asString()).isEqualTo(altered.get("hash").asString());
        assertThat(broken.get("found").asString()).hasSize(64).isNotEqualTo(altered.get("hash").asString());
    }

    @Test
    void exportWhenCallerIsAUserThenForbiddenAndWhenAuditorThenAllowed() {
        NetloomApi.Client owner = accounts.newAccount();
        NetloomApi.Client user = api.as(createToken(owner, createUser(owner, serviceUser("plain", "user"))));
        NetloomApi.Client auditor = api.as(createToken(owner, createUser(owner, serviceUser("audit", "auditor"))));

        error(user.get("/api/netloom/events"), 403);
        error(user.get("/api/netloom/events/verify"), 403);
        assertThat(ok(auditor.get("/api/netloom/events")).rawBody()).contains(accountId(owner));
        assertThat(ok(auditor.get("/api/netloom/events/verify")).body().get("ok").asBoolean()).isTrue();
        error(api.anonymous().get("/api/netloom/events"), 401);
    }

    @Test
    void exportWhenParametersBadThenBadRequestWithAClearMessage() {
        NetloomApi.Client owner = accounts.newAccount();

        assertThat(error(owner.get("/api/netloom/events?format=csv"), 400).rawBody()).contains("jsonl");
        assertThat(error(owner.get("/api/netloom/events?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z"), 400)
                .rawBody()).contains("from must not be after to");
        assertThat(error(owner.get("/api/netloom/events?from=yesterday"), 400).rawBody()).contains("RFC 3339");
        assertThat(error(owner.get("/api/netloom/events?to=2026-01-01"), 400).rawBody()).contains("RFC 3339");
        assertThat(error(owner.get("/api/netloom/events?from=2026-01-01T00:00:00+01:00"), 400).rawBody())
                .as("an unencoded + arrives as a space").contains("%2B");
        ok(owner.get("/api/netloom/events?from=2026-01-01T00:00:00%2B01:00"));
        error(owner.get("/api/netloom/events?since=2026-01-01T00:00:00Z"), 400);
    }

    @Test
    void openApiWhenFetchedThenDocumentsTheEventEndpoints() {
        NetloomApi.Client owner = accounts.newAccount();

        JsonNode paths = ok(owner.get("/api/netloom/openapi")).body().get("paths");

        assertThat(paths.has("/api/netloom/events")).isTrue();
        assertThat(paths.has("/api/netloom/events/verify")).isTrue();
    }

    private static List<JsonNode> export(NetloomApi.Client reader, String query) {
        String body = ok(reader.get("/api/netloom/events" + query)).rawBody();
        return Arrays.stream(body.split("\n")).filter(line -> !line.isBlank()).map(JSON::readTree).toList();
    }
}
