package io.netloom.server.api;

import static io.netloom.server.testing.TestData.accountId;
import static io.netloom.server.testing.TestData.currentUserId;
import static io.netloom.server.testing.TestData.error;
import static io.netloom.server.testing.TestData.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.server.testing.NetloomApi;
import io.netloom.server.testing.ServerTest;
import io.netloom.server.testing.TestPeers;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AccountsApiTest extends ServerTest {

    @Test
    void listWhenCalledThenOnlyTheCallersAccountWithDefaultSettings() {
        NetloomApi.Client owner = accounts.newAccount();

        JsonNode list = ok(owner.get("/api/accounts")).body();

        assertThat(list).hasSize(1);
        JsonNode account = list.get(0);
        assertThat(account.get("id").asString()).isNotBlank();
        assertThat(account.get("created_by").asString()).isEqualTo(currentUserId(owner));
        JsonNode settings = account.get("settings");
        assertThat(settings.get("network_range").asString()).isEqualTo("100.64.0.0/10");
        assertThat(settings.get("dns_domain").asString()).isEqualTo("netloom.internal");
        assertThat(settings.get("peer_login_expiration_enabled").asBoolean()).isTrue();
        assertThat(settings.get("peer_login_expiration").asLong()).isEqualTo(86_400);
        assertThat(settings.get("peer_inactivity_expiration_enabled").asBoolean()).isFalse();
    }

    @Test
    void updateWhenSettingsChangedThenReflectedInAccountAndPeers() {
        NetloomApi.Client owner = accounts.newAccount();
        String id = accountId(owner);
        String peer = TestPeers.enroll(api.anonymous(), TestPeers.createReusableKey(owner, List.of()), "box");

        JsonNode updated = ok(owner.put("/api/accounts/{accountId}", settings(Map.of(
                "peer_login_expiration_enabled", false, "peer_login_expiration", 7200,
                "peer_inactivity_expiration_enabled", true, "peer_inactivity_expiration", 3600,
                "dns_domain", "corp.example")), id)).body();

        for (JsonNode account : List.of(updated, ok(owner.get("/api/accounts")).body().get(0))) {
            JsonNode settings = account.get("settings");
            assertThat(account.get("id").asString()).isEqualTo(id);
            assertThat(settings.get("peer_login_expiration_enabled").asBoolean()).isFalse();
            assertThat(settings.get("peer_login_expiration").asLong()).isEqualTo(7200);
            assertThat(settings.get("peer_inactivity_expiration_enabled").asBoolean()).isTrue();
            assertThat(settings.get("peer_inactivity_expiration").asLong()).isEqualTo(3600);
            assertThat(settings.get("dns_domain").asString()).isEqualTo("corp.example");
            assertThat(settings.get("network_range").asString()).isEqualTo("100.64.0.0/10");
        }
        assertThat(ok(owner.get("/api/peers/{peerId}", peer)).text("dns_label")).isEqualTo("box.corp.example");
    }

    @Test
    void updateWhenOnlySomeSettingsSentThenTheOthersAreKept() {
        NetloomApi.Client owner = accounts.newAccount();
        String id = accountId(owner);
        ok(owner.put("/api/accounts/{accountId}", settings(Map.of("dns_domain", "corp.example")), id));

        JsonNode updated = ok(owner.put("/api/accounts/{accountId}",
                settings(Map.of("peer_login_expiration", 3600)), id)).body();

        assertThat(updated.get("settings").get("dns_domain").asString()).isEqualTo("corp.example");
        assertThat(updated.get("settings").get("peer_login_expiration").asLong()).isEqualTo(3600);
        assertThat(updated.get("settings").get("peer_login_expiration_enabled").asBoolean()).isTrue();
    }

    @Test
    void updateWhenNetworkRangeChangedThenPreconditionFailedAndUnchanged() {
        NetloomApi.Client owner = accounts.newAccount();
        String id = accountId(owner);

        error(owner.put("/api/accounts/{accountId}", settings(Map.of("network_range", "10.0.0.0/16")), id), 412);
        error(owner.put("/api/accounts/{accountId}",
                settings(Map.of("network_range", "10.0.0.0/16", "dns_domain", "other.example")), id), 412);

        JsonNode settings = ok(owner.get("/api/accounts")).body().get(0).get("settings");
        assertThat(settings.get("network_range").asString()).isEqualTo("100.64.0.0/10");
        assertThat(settings.get("dns_domain").asString()).isEqualTo("netloom.internal");
    }

    @Test
    void updateWhenNetworkRangeSentUnchangedThenAccepted() {
        NetloomApi.Client owner = accounts.newAccount();
        String id = accountId(owner);

        JsonNode updated = ok(owner.put("/api/accounts/{accountId}",
                settings(Map.of("network_range", "100.64.0.0/10", "dns_domain", "mesh.example")), id)).body();

        assertThat(updated.get("settings").get("dns_domain").asString()).isEqualTo("mesh.example");
    }

    @Test
    void updateWhenAnotherAccountIdThenNotFound() {
        NetloomApi.Client owner = accounts.newAccount();
        NetloomApi.Client stranger = accounts.newAccount();
        String unknown = UUID.randomUUID().toString();

        error(owner.put("/api/accounts/{accountId}", settings(Map.of("dns_domain", "x.example")), unknown), 404);
        error(owner.put("/api/accounts/{accountId}", settings(Map.of("dns_domain", "x.example")),
                accountId(stranger)), 404);
        error(owner.delete("/api/accounts/{accountId}", unknown), 404);
        error(owner.delete("/api/accounts/{accountId}", accountId(stranger)), 404);

        assertThat(ok(stranger.get("/api/accounts")).body().get(0).get("settings").get("dns_domain").asString())
                .isEqualTo("netloom.internal");
    }

    @Test
    void deleteWhenOwnAccountThenForbiddenAndAccountStays() {
        NetloomApi.Client owner = accounts.newAccount();
        String id = accountId(owner);

        error(owner.delete("/api/accounts/{accountId}", id), 403);

        assertThat(accountId(owner)).isEqualTo(id);
    }

    @Test
    void updateWhenValuesInvalidThenUnprocessableAndUnchanged() {
        NetloomApi.Client owner = accounts.newAccount();
        String id = accountId(owner);
        JsonNode before = ok(owner.get("/api/accounts")).body();

        error(owner.put("/api/accounts/{accountId}", settings(Map.of("dns_domain", "Not A Domain")), id), 422);
        error(owner.put("/api/accounts/{accountId}", settings(Map.of("dns_domain", "")), id), 422);
        error(owner.put("/api/accounts/{accountId}", settings(Map.of("dns_domain", "a".repeat(64) + ".example")), id),
                422);
        error(owner.put("/api/accounts/{accountId}", settings(Map.of("peer_login_expiration", 60)), id), 422);
        error(owner.put("/api/accounts/{accountId}", settings(Map.of("peer_login_expiration", -5)), id), 422);
        error(owner.put("/api/accounts/{accountId}", settings(Map.of("peer_login_expiration", 0)), id), 422);
        error(owner.put("/api/accounts/{accountId}",
                settings(Map.of("peer_login_expiration", 181L * 24 * 3600)), id), 422);
        error(owner.put("/api/accounts/{accountId}",
                settings(Map.of("peer_login_expiration", Long.MAX_VALUE)), id), 422);
        error(owner.put("/api/accounts/{accountId}", settings(Map.of("peer_inactivity_expiration_enabled", true)), id),
                422);
        error(owner.put("/api/accounts/{accountId}", settings(Map.of("network_range", "garbage")), id), 422);
        error(owner.put("/api/accounts/{accountId}", settings(Map.of("network_range", "100.64.0.1/10")), id), 422);
        error(owner.put("/api/accounts/{accountId}", Map.of(), id), 422);

        assertThat(ok(owner.get("/api/accounts")).body()).isEqualTo(before);
    }

    private static Map<String, Object> settings(Map<String, Object> settings) {
        return Map.of("settings", settings);
    }
}
