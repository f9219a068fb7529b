package io.netloom.server;

import static io.netloom.server.testing.TestData.accountId;
import static io.netloom.server.testing.TestData.createGroup;
import static io.netloom.server.testing.TestData.createToken;
import static io.netloom.server.testing.TestData.currentUserId;
import static io.netloom.server.testing.TestData.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.domain.group.GroupCreatedEvent;
import io.netloom.domain.group.PeersAddedToGroupEvent;
import io.netloom.domain.peer.PeerEnrolledEvent;
import io.netloom.server.audit.chain.ChainBackfill;
import io.netloom.server.axon.Commands;
import io.netloom.server.testing.NetloomApi;
import io.netloom.server.testing.StandaloneServers;
import io.netloom.server.testing.TestAccounts;
import io.netloom.server.testing.TestPeers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
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
            assertThat(sql.queryForObject("SELECT count(*) FROM event_chain WHERE payload_type IS NULL"
                    + " OR peers IS NULL", Long.class)).isZero();

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

    @Test
    void startWhenLinksLackTypeAndPeersThenFilledAsRecordedAndStillVerified() throws IOException {
        String ownerToken;
        String account;
        String laptop;
        String server;
        List<LinkFacts> recorded;
        try (ConfigurableApplicationContext running = StandaloneServers.startInsecure(dataDir)) {
            NetloomApi api = new NetloomApi(StandaloneServers.apiPort(running));
            ownerToken = Files.readString(dataDir.resolve("admin-token")).trim();
            NetloomApi.Client owner = api.as(ownerToken);
            account = accountId(owner);
            String key = TestPeers.createReusableKey(owner, List.of());
            laptop = TestPeers.enroll(api.anonymous(), key, "laptop");
            server = TestPeers.enroll(api.anonymous(), key, "server");
            createGroup(owner, "servers", laptop, server);
            createGroup(owner, "empty");

            JdbcTemplate sql = new JdbcTemplate(running.getBean(DataSource.class));
            recorded = facts(sql, account);
            // As a store written before Flyway V6 has them: links without their event's type and peers.
            sql.update("UPDATE event_chain SET payload_type = NULL, peers = NULL WHERE account_id = ?", account);
        }
        assertThat(recorded).filteredOn(link -> link.payloadType().equals(PeerEnrolledEvent.class.getName()))
                .extracting(LinkFacts::peers).containsExactlyInAnyOrder(List.of(laptop), List.of(server));
        assertThat(recorded).filteredOn(link -> link.payloadType().equals(PeersAddedToGroupEvent.class.getName()))
                .extracting(LinkFacts::peers).contains(Stream.of(laptop, server).sorted().toList());
        assertThat(recorded).filteredOn(link -> link.payloadType().equals(GroupCreatedEvent.class.getName()))
                .allSatisfy(link -> assertThat(link.peers()).isEmpty());

        try (ConfigurableApplicationContext running = StandaloneServers.startInsecure(dataDir)) {
            NetloomApi.Client owner = new NetloomApi(StandaloneServers.apiPort(running)).as(ownerToken);
            JdbcTemplate sql = new JdbcTemplate(running.getBean(DataSource.class));

            assertThat(facts(sql, account)).isEqualTo(recorded);
            assertThat(sql.queryForObject("SELECT count(*) FROM event_chain c JOIN domainevententry e"
                    + " ON e.eventidentifier = c.event_id WHERE c.payload_type <> e.payloadtype", Long.class)).isZero();
            assertVerified(owner, recorded.size());
        }
    }

    /** Each link's payload type and peers, in position order; the peers sorted (a payload's set has no order). */
    private static List<LinkFacts> facts(JdbcTemplate sql, String account) {
        return sql.query("SELECT payload_type, peers FROM event_chain WHERE account_id = ? ORDER BY position",
                (row, index) -> new LinkFacts(row.getString("payload_type"), row.getArray("peers") == null ? null
                        : Arrays.stream((String[]) row.getArray("peers").getArray()).sorted().toList()),
                account);
    }

    private record LinkFacts(String payloadType, List<String> peers) {
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
