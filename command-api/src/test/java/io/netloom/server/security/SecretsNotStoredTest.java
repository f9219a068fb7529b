package io.netloom.server.security;

import static io.netloom.server.testing.TestData.currentUserId;
import static io.netloom.server.testing.TestData.ok;
import static io.netloom.server.testing.TestData.tokenRequest;
import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.server.testing.NetloomApi;
import io.netloom.server.testing.ServerTest;
import io.netloom.server.testing.TestPeers;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Secrets handed out once (tokens, setup keys) are never written down: the database holds only their hashes. */
class SecretsNotStoredTest extends ServerTest {

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void storeWhenTokenAndSetupKeyCreatedAndUsedThenOnlyTheirHashesAreStored() {
        NetloomApi.Client owner = accounts.newAccount();
        String plainToken = ok(owner.post("/api/users/{userId}/tokens", tokenRequest("ci", 30), currentUserId(owner)))
                .text("plain_token");
        String plainKey = TestPeers.createReusableKey(owner, List.of());
        TestPeers.enroll(api.anonymous(), plainKey, "box");
        ok(api.as(plainToken).get("/api/users/current"));

        List<String> events = jdbc.queryForList("SELECT convert_from(payload, 'UTF8') || ' '"
                + " || coalesce(convert_from(metadata, 'UTF8'), '') FROM domainevententry", String.class);
        List<String> auditLines = jdbc.queryForList("SELECT a::text FROM audit_event a", String.class);
        List<String> snapshots = jdbc.queryForList("SELECT convert_from(payload, 'UTF8') || ' '"
                + " || coalesce(convert_from(metadata, 'UTF8'), '') FROM snapshotevententry", String.class);

        assertThat(events).isNotEmpty();
        for (List<String> rows : List.of(events, auditLines, snapshots)) {
            assertThat(rows).noneMatch(row -> row.contains(plainToken))
                    .noneMatch(row -> row.contains(plainKey))
                    .noneMatch(row -> row.contains(plainToken.substring(4)))
                    .noneMatch(row -> row.toUpperCase().contains(plainKey.replace("-", "")));
        }
        assertThat(events).anyMatch(row -> row.contains(SecretTokens.hash(plainToken)));
        assertThat(events).anyMatch(row -> row.contains(SecretTokens.hash(plainKey)));
        assertThat(SecretTokens.hash(plainToken)).matches("sha256:[0-9a-f]{64}");
    }

    @Test
    void apiWhenListingThenNoHashIsEverShown() {
        NetloomApi.Client owner = accounts.newAccount();
        String self = currentUserId(owner);
        String plainToken = ok(owner.post("/api/users/{userId}/tokens", tokenRequest("ci", 30), self))
                .text("plain_token");
        String plainKey = TestPeers.createReusableKey(owner, List.of());

        for (NetloomApi.Response response : List.of(owner.get("/api/users/{userId}/tokens", self),
                owner.get("/api/setup-keys"), owner.get("/api/events/audit"), owner.get("/api/users"))) {
            assertThat(ok(response).rawBody()).doesNotContain("sha256:")
                    .doesNotContain(SecretTokens.hash(plainToken).substring(7))
                    .doesNotContain(SecretTokens.hash(plainKey).substring(7))
                    .doesNotContain(plainToken).doesNotContain(plainKey);
        }
    }
}
