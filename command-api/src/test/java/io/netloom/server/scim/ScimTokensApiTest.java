package io.netloom.server.scim;

import static io.netloom.server.scim.ScimHttp.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.domain.ids.UserId;
import io.netloom.server.testing.TestData;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

class ScimTokensApiTest extends ScimServerTest {

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void createWhenAdminThenTokenShownOnceWorksAndOnlyItsHashIsStored() {
        ScimAccount account = newScimAccount();

        JsonNode created = TestData.ok(account.owner().post("/api/netloom/scim-tokens",
                Map.of("name", "okta", "expires_in", 30))).body();
        String token = created.get("plain_token").asString();
        ok(ScimHttp.bearer(api.baseUrl(), token).get("/scim/v2/Users"), 200);

        assertThat(token).startsWith("nls_");
        assertThat(created.get("scim_base_url").asString()).endsWith("/scim/v2");
        assertThat(created.get("scim_token").get("expires_at").asString()).isNotBlank();
        List<String> events = jdbc.queryForList("SELECT convert_from(payload, 'UTF8') || ' '"
                + " || coalesce(convert_from(metadata, 'UTF8'), '') FROM domainevententry", String.class);
        assertThat(events).noneMatch(event -> event.contains(token));
        assertThat(events).anyMatch(event -> event.contains(io.netloom.server.security.SecretTokens.hash(token)));
    }

    @Test
    void openApiWhenFetchedThenDocumentsTheScimEndpoints() {
        ScimAccount account = newScimAccount();

        JsonNode paths = TestData.ok(account.owner().get("/api/netloom/openapi")).body().get("paths");

        assertThat(paths.has("/scim/v2/Users")).isTrue();
        assertThat(paths.has("/scim/v2/Groups/{id}")).isTrue();
        assertThat(paths.has("/scim/v2/ServiceProviderConfig")).isTrue();
        assertThat(paths.has("/api/netloom/scim-tokens")).isTrue();
    }

    @Test
    void listWhenAnyTokenThenNeverShowsItAndOnlyAdminsManageTokens() {
        ScimAccount account = newScimAccount();
        String ann = TestData.createUser(account.owner(), TestData.regularUser("ann@example.com", "user"));
        String annsToken = accounts.tokenFor(account.id(), new UserId(ann));

        String listed = TestData.ok(account.owner().get("/api/netloom/scim-tokens")).rawBody();

        assertThat(listed).contains("\"name\":\"entra\"").doesNotContain("nls_").doesNotContain("sha256");
        TestData.error(api.as(annsToken).get("/api/netloom/scim-tokens"), 403);
        TestData.error(api.as(annsToken).post("/api/netloom/scim-tokens", Map.of("name", "sneaky")), 403);
        TestData.error(account.owner().post("/api/netloom/scim-tokens", Map.of("name", "x", "identity_provider",
                "nowhere")), 422);
    }

}
