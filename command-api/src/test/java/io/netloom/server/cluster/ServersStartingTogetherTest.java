package io.netloom.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.server.database.EmbeddedDatabase;
import io.netloom.server.testing.Concurrently;
import io.netloom.server.testing.NetloomApi;
import io.netloom.server.testing.StandaloneServers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two servers started at the same moment on one empty PostgreSQL of the test's own, as two processes of a cluster
 * are (ADR 0056): they take the start-up's database steps in turns, so exactly one creates the first account; exactly
 * one is the leader; and an admin change waits for the account's advisory lock, whoever holds it.
 */
class ServersStartingTogetherTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    static Path root;

    private static EmbeddedDatabase database;
    private static DirectConnections connections;
    private static List<ConfigurableApplicationContext> servers;

    @BeforeAll
    static void startTwoServersTogether() throws IOException {
        database = EmbeddedDatabase.start(root.resolve("shared-database"));
        connections = new DirectConnections(database.jdbcUrl(), EmbeddedDatabase.OWNER, database.ownerPassword());
        servers = Concurrently.run(2, server -> StandaloneServers.startInsecure(root.resolve("server-" + server),
                StandaloneServers.on(database)));
    }

    @AfterAll
    static void stopAll() throws IOException {
        if (servers != null) {
            servers.forEach(ConfigurableApplicationContext::close);
        }
        database.close();
    }

    @Test
    void startWhenTwoServersOnEmptyDatabaseThenExactlyOneFirstAccount() throws Exception {
        assertThat(count("SELECT count(*) FROM domainevententry WHERE payloadtype LIKE '%.AccountCreatedEvent'"))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM domainevententry WHERE payloadtype LIKE '%.UserCreatedEvent'"))
                .as("one owner").isEqualTo(1);
        assertThat(List.of(0, 1).stream().filter(server -> Files.exists(adminTokenFile(server))))
                .as("servers that wrote an admin token").hasSize(1);
    }

    @Test
    void startWhenTwoServersThenExactlyOneLeader() {
        assertThat(servers.stream().map(server -> server.getBean(Leadership.class).isLeader()))
                .containsExactlyInAnyOrder(true, false);
    }

    @Test
    void createGroupWhenAnotherProcessHoldsAccountsLockThenWaitsForItsCommit() throws Exception {
        int creator = Files.exists(adminTokenFile(0)) ? 0 : 1;
        NetloomApi.Client admin = new NetloomApi(StandaloneServers.apiPort(servers.get(creator)))
                .as(Files.readString(adminTokenFile(creator)).strip());
        String account = admin.get("/api/accounts").body().get(0).get("id").asString();

        CompletableFuture<NetloomApi.Response> created;
        try (Connection otherProcess = connections.open("test-other-process")) {
            otherProcess.setAutoCommit(false);
            try (PreparedStatement lock = otherProcess.prepareStatement("SELECT pg_advisory_xact_lock(?, hashtext(?))")) {
                lock.setInt(1, AdvisoryLocks.ACCOUNT_RULES.namespace());
                lock.setString(2, account);
                lock.execute();
            }
            created = CompletableFuture.supplyAsync(() -> admin.post("/api/groups", Map.of("name", "waited")));
            awaitOneSessionWaitingForAccountLock();
            assertThat(created).as("the change while the other process holds the account's lock").isNotDone();
            otherProcess.commit();
        }

        assertThat(created.get().status()).isEqualTo(200);
        assertThat(created.get().text("name")).isEqualTo("waited");
    }

    private static Path adminTokenFile(int server) {
        return root.resolve("server-" + server).resolve("admin-token");
    }

    /** Polls pg_locks (not a timed assertion: the wait ends when the request is seen waiting, at most PATIENCE). */
    private static void awaitOneSessionWaitingForAccountLock() throws Exception {
        Instant giveUp = Instant.now().plus(PATIENCE);
        while (count("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND classid = "
                + AdvisoryLocks.ACCOUNT_RULES.namespace() + " AND objsubid = 2") != 1) {
            assertThat(Instant.now()).as("a request waiting for the account's lock").isBefore(giveUp);
            Thread.sleep(10);
        }
    }

    private static long count(String sql) throws Exception {
        try (Connection connection = connections.open("test");
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }
}
