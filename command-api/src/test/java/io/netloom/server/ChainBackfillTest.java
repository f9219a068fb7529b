package io.netloom.server;

import static io.netloom.server.testing.TestData.accountId;
import static io.netloom.server.testing.TestData.createGroup;
import static io.netloom.server.testing.TestData.createToken;
import static io.netloom.server.testing.TestData.currentUserId;
import static io.netloom.server.testing.TestData.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.server.audit.chain.ChainBackfill;
import io.netloom.server.axon.Commands;
import io.netloom.server.testing.NetloomApi;
import io.netloom.server.testing.StandaloneServers;
import io.netloom.server.testing.TestAccounts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A data directory whose events have no hash-chain link (ADR 0034): stored before the chain existed,
 * or written around the server after an account's chain had begun. The next start links them.
 */
class ChainBackfillTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dataDir;

    @Test
    void startWhenEventsHaveNoLinkThenLinkedInOrderVerifiedAndLaterEventsAppend() throws IOException {
        String ownerToken;
        String otherToken;
        List<String> ownerEvents;
        List<String> otherEvents;
        try (ConfigurableApplicationContext server = StandaloneServers.startInsecure(dataDir)) {
            NetloomApi api = new NetloomApi(StandaloneServers.apiPort(server));
            ownerToken = Files.readString(dataDir.resolve("admin-token")).trim();
            NetloomApi.Client owner = api.as(ownerToken);
            NetloomApi.Client other = new TestAccounts(server.getBean(Commands.class), api).newAccount();
            otherToken = createToken(other, currentUserId(other));
            for (String name : List.of("servers", "laptops", "printers")) {
                createGroup(owner, name);
                createGroup(other, name);
            }
            ownerEvents = eventIds(export(owner));
            otherEvents = eventIds(export(other));

            JdbcTemplate sql = new JdbcTemplate(server.getBean(DataSource.class));
            // The owner's whole history predates the chain; the other account's last two events were
            // written around the server after its chain began.
            sql.update("DELETE FROM event_chain WHERE account_id = ?", accountId(owner));
            sql.update("DELETE FROM event_chain WHERE account_id = ? AND position > ?", accountId(other),
                    otherEvents.size() - 2);
        }

        try (ConfigurableApplicationContext server = StandaloneServers.startInsecure(dataDir)) {
            NetloomApi api = new NetloomApi(StandaloneServers.apiPort(server));
            NetloomApi.Client owner = api.as(ownerToken);
            NetloomApi.Client other = api.as(otherToken);
            JdbcTemplate sql = new JdbcTemplate(server.getBean(DataSource.class));

            List<JsonNode> ownerLines = export(owner);
            assertThat(eventIds(ownerLines)).isEqualTo(ownerEvents);
            assertThat(ownerLines).extracting(line -> line.get("position").asLong())
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, ownerEvents.size()).boxed().toList());
            assertThat(ownerLines).allSatisfy(line -> assertThat(Instant.parse(line.get("time").asString()))
                    .isEqualTo(Instant.parse(line.get("stored_timestamp").asString())));
            assertThat(eventIds(export(other))).isEqualTo(otherEvents);
            assertVerified(owner, ownerEvents.size());
            assertVerified(other, otherEvents.size());

            String before = ok(owner.get("/api/netloom/events")).rawBody();
            long links = sql.queryForObject("SELECT count(*) FROM event_chain", Long.class);
            server.getBean(ChainBackfill.class).linkWhatIsMissing();
            assertThat(sql.queryForObject("SELECT count(*) FROM event_chain", Long.class)).isEqualTo(links);
            assertThat(ok(owner.get("/api/netloom/events")).rawBody()).isEqualTo(before);

            String later = createGroup(owner, "later");
            List<JsonNode> after = export(owner);
            assertThat(after).hasSize(ownerEvents.size() + 1);
            assertThat(after.get(ownerEvents.size()).get("aggregate_id").asString()).isEqualTo(later);
            assertVerified(owner, ownerEvents.size() + 1);
        }
    }

    private static void assertVerified(NetloomApi.Client reader, long events) {
        JsonNode verified = ok(reader.get("/api/netloom/events/verify")).body();
        assertThat(verified.get("ok").asBoolean()).as("verification %s", verified).isTrue();
        assertThat(verified.get("events_checked").asLong()).isEqualTo(events);
    }

    private static List<JsonNode> export(NetloomApi.Client reader) {
        String body = ok(reader.get("/api/netloom/events")).rawBody();
        return Arrays.stream(body.split("\n")).filter(line -> !line.isBlank()).map(JSON::readTree).toList();
    }

    private static List<String> eventIds(List<JsonNode> lines) {
        return lines.stream().map(line -> line.get("event_id").asString()).toList();
    }
}
