package io.netloom.server.api;

import static io.netloom.server.testing.TestData.createGroup;
import static io.netloom.server.testing.TestData.error;
import static io.netloom.server.testing.TestData.ids;
import static io.netloom.server.testing.TestData.ok;
import static io.netloom.server.testing.TestData.with;
import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.server.testing.NetloomApi;
import io.netloom.server.testing.ServerTest;
import io.netloom.server.testing.TestPeers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SetupKeysApiTest extends ServerTest {

    private static final String KEY_SHAPE = "[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}";

    @Test
    void createWhenValidThenPlainKeyReturnedOnceAndListAndGetShowOnlyTheMaskedKey() {
        NetloomApi.Client owner = accounts.newAccount();
        String group = createGroup(owner, "servers");
        Instant before = Instant.now();

        JsonNode created = ok(owner.post("/api/setup-keys", TestPeers.reusableKey("office", List.of(group)))).body();

        String id = created.get("id").asString();
        String plain = created.get("key").asString();
        assertThat(plain).matches(KEY_SHAPE);
        assertThat(created.get("name").asString()).isEqualTo("office");
        assertThat(created.get("type").asString()).isEqualTo("reusable");
        assertThat(created.get("state").asString()).isEqualTo("valid");
        assertThat(created.get("valid").asBoolean()).isTrue();
        assertThat(created.get("used_times").asInt()).isZero();
        assertThat(created.get("auto_groups").get(0).asString()).isEqualTo(group);
        assertThat(Instant.parse(created.get("expires").asString()))
                .isBetween(before.plus(Duration.ofDays(1)).minusSeconds(1), Instant.now().plus(Duration.ofDays(1)));

        NetloomApi.Response list = ok(owner.get("/api/setup-keys"));
        NetloomApi.Response single = ok(owner.get("/api/setup-keys/{keyId}", id));
        assertThat(ids(list)).containsExactly(id);
        for (NetloomApi.Response shown : List.of(list, single)) {
            assertThat(shown.rawBody()).doesNotContain(plain);
        }
        String masked = single.text("key");
        assertThat(masked).isEqualTo(plain.substring(0, 5) + "****");
        assertThat(list.body().get(0).get("key").asString()).isEqualTo(masked);
        assertThat(single.text("name")).isEqualTo("office");
    }

    @Test
    void createWhenOneOffThenUsageLimitIsOneWhateverWasAsked() {
        NetloomApi.Client owner = accounts.newAccount();

        JsonNode created = ok(owner.post("/api/setup-keys", with(TestPeers.reusableKey("once", List.of()),
                "type", "one-off", "usage_limit", 5))).body();

        assertThat(created.get("type").asString()).isEqualTo("one-off");
        assertThat(created.get("usage_limit").asInt()).isEqualTo(1);
    }

    @Test
    void enrollWhenOneOffKeyAlreadyUsedThenSecondDeviceRefusedWithUsageLimit() {
        NetloomApi.Client owner = accounts.newAccount();
        JsonNode created = ok(owner.post("/api/setup-keys", with(TestPeers.reusableKey("once", List.of()),
                "type", "one-off", "usage_limit", 1))).body();
        String plain = created.get("key").asString();
        TestPeers.enroll(api.anonymous(), plain, "first");

        NetloomApi.Response second = api.anonymous().post("/api/netloom/enroll",
                TestPeers.enrollment(plain, TestPeers.newPublicKey(), "second"));

        error(second, 412);
        assertThat(second.text("message")).contains("usage limit");
        assertThat(ok(owner.get("/api/peers")).body()).hasSize(1);
        JsonNode key = ok(owner.get("/api/setup-keys/{keyId}", created.get("id").asString())).body();
        assertThat(key.get("used_times").asInt()).isEqualTo(1);
        assertThat(key.get("state").asString()).isEqualTo("overused");
        assertThat(key.get("valid").asBoolean()).isFalse();
    }

    @Test
    void enrollWhenReusableKeyLimitReachedThenNextDeviceRefused() {
        NetloomApi.Client owner = accounts.newAccount();
        String plain = ok(owner.post("/api/setup-keys", with(TestPeers.reusableKey("twice", List.of()),
                "usage_limit", 2))).text("key");
        TestPeers.enroll(api.anonymous(), plain, "one");
        TestPeers.enroll(api.anonymous(), plain, "two");

        NetloomApi.Response third = api.anonymous().post("/api/netloom/enroll",
                TestPeers.enrollment(plain, TestPeers.newPublicKey(), "three"));

        error(third, 412);
        assertThat(third.text("message")).contains("usage limit");
        assertThat(ok(owner.get("/api/peers")).body()).hasSize(2);
    }

    @Test
    void updateWhenRevokedThenShownRevokedAndEnrollmentRefused() {
        NetloomApi.Client owner = accounts.newAccount();
        JsonNode created = ok(owner.post("/api/setup-keys", TestPeers.reusableKey("office", List.of()))).body();
        String id = created.get("id").asString();

        JsonNode revoked = ok(owner.put("/api/setup-keys/{keyId}",
                Map.of("revoked", true, "auto_groups", List.of()), id)).body();

        assertThat(revoked.get("revoked").asBoolean()).isTrue();
        assertThat(revoked.get("state").asString()).isEqualTo("revoked");
        assertThat(revoked.get("valid").asBoolean()).isFalse();
        assertThat(revoked.get("key").asString()).isEqualTo(created.get("key").asString().substring(0, 5) + "****");
        NetloomApi.Response enrollment = api.anonymous().post("/api/netloom/enroll",
                TestPeers.enrollment(created.get("key").asString(), TestPeers.newPublicKey(), "late"));
        error(enrollment, 412);
        assertThat(enrollment.text("message")).contains("revoked");
        assertThat(ok(owner.get("/api/peers")).body()).isEmpty();
    }

    @Test
    void updateWhenRevokedKeyReinstatedThenPreconditionFailedAndStillRevoked() {
        NetloomApi.Client owner = accounts.newAccount();
        String id = ok(owner.post("/api/setup-keys", TestPeers.reusableKey("office", List.of()))).text("id");
        ok(owner.put("/api/setup-keys/{keyId}", Map.of("revoked", true, "auto_groups", List.of()), id));

        error(owner.put("/api/setup-keys/{keyId}", Map.of("revoked", false, "auto_groups", List.of()), id), 412);

        assertThat(ok(owner.get("/api/setup-keys/{keyId}", id)).body().get("revoked").asBoolean()).isTrue();
    }

    @Test
    void updateWhenAutoGroupsChangedThenNewPeersJoinTheNewGroups() {
        NetloomApi.Client owner = accounts.newAccount();
        String servers = createGroup(owner, "servers");
        String desktops = createGroup(owner, "desktops");
        JsonNode created = ok(owner.post("/api/setup-keys", TestPeers.reusableKey("office", List.of(servers)))).body();

        JsonNode updated = ok(owner.put("/api/setup-keys/{keyId}",
                Map.of("revoked", false, "auto_groups", List.of(desktops)), created.get("id").asString())).body();
        String peer = TestPeers.enroll(api.anonymous(), created.get("key").asString(), "pc");

        assertThat(updated.get("auto_groups").get(0).asString()).isEqualTo(desktops);
        assertThat(updated.get("auto_groups")).hasSize(1);
        assertThat(ok(owner.get("/api/peers/{peerId}", peer)).body().get("groups").findValuesAsString("name"))
                .containsExactlyInAnyOrder("All", "desktops");
    }

    @Test
    void updateWhenAutoGroupUnknownThenUnprocessableAndUnchanged() {
        NetloomApi.Client owner = accounts.newAccount();
        String servers = createGroup(owner, "servers");
        String id = ok(owner.post("/api/setup-keys", TestPeers.reusableKey("office", List.of(servers)))).text("id");

        error(owner.put("/api/setup-keys/{keyId}",
                Map.of("revoked", true, "auto_groups", List.of(UUID.randomUUID().toString())), id), 422);

        JsonNode key = ok(owner.get("/api/setup-keys/{keyId}", id)).body();
        assertThat(key.get("revoked").asBoolean()).isFalse();
        assertThat(key.get("auto_groups").get(0).asString()).isEqualTo(servers);
    }

    @Test
    void createWhenExpiresInOutOfRangeThenUnprocessableAndNothingCreated() {
        NetloomApi.Client owner = accounts.newAccount();

        for (long expiresIn : List.of(0L, -1L, 86_399L, 31_536_001L)) {
            NetloomApi.Response response = owner.post("/api/setup-keys",
                    with(TestPeers.reusableKey("k", List.of()), "expires_in", expiresIn));
            error(response, 422);
            assertThat(response.text("message")).contains("expires_in");
        }

        assertThat(ok(owner.get("/api/setup-keys")).body()).isEmpty();
    }

    @Test
    void createWhenExpiresInAtTheBoundsThenAccepted() {
        NetloomApi.Client owner = accounts.newAccount();

        ok(owner.post("/api/setup-keys", with(TestPeers.reusableKey("day", List.of()), "expires_in", 86_400)));
        ok(owner.post("/api/setup-keys", with(TestPeers.reusableKey("year", List.of()), "expires_in", 31_536_000)));

        assertThat(ok(owner.get("/api/setup-keys")).body()).hasSize(2);
    }

    @Test
    void createWhenAutoGroupUnknownThenUnprocessableAndNothingCreated() {
        NetloomApi.Client owner = accounts.newAccount();
        String unknown = UUID.randomUUID().toString();

        NetloomApi.Response response = owner.post("/api/setup-keys", TestPeers.reusableKey("k", List.of(unknown)));

        error(response, 422);
        assertThat(response.text("message")).contains(unknown);
        assertThat(ok(owner.get("/api/setup-keys")).body()).isEmpty();
    }

    @Test
    void createWhenTypeOrUsageLimitInvalidThenUnprocessable() {
        NetloomApi.Client owner = accounts.newAccount();

        error(owner.post("/api/setup-keys", with(TestPeers.reusableKey("k", List.of()), "type", "forever")), 422);
        error(owner.post("/api/setup-keys", with(TestPeers.reusableKey("k", List.of()), "usage_limit", -1)), 422);
        error(owner.post("/api/setup-keys", with(TestPeers.reusableKey(" ", List.of()))), 422);

        assertThat(ok(owner.get("/api/setup-keys")).body()).isEmpty();
    }

    @Test
    void deleteWhenKeyExistsThenGoneAndItNoLongerEnrolls() {
        NetloomApi.Client owner = accounts.newAccount();
        JsonNode created = ok(owner.post("/api/setup-keys", TestPeers.reusableKey("office", List.of()))).body();
        String id = created.get("id").asString();
        String peer = TestPeers.enroll(api.anonymous(), created.get("key").asString(), "pc");

        ok(owner.delete("/api/setup-keys/{keyId}", id));

        error(owner.get("/api/setup-keys/{keyId}", id), 404);
        assertThat(ok(owner.get("/api/setup-keys")).body()).isEmpty();
        error(api.anonymous().post("/api/netloom/enroll",
                TestPeers.enrollment(created.get("key").asString(), TestPeers.newPublicKey(), "late")), 401);
        assertThat(ids(owner.get("/api/peers"))).containsExactly(peer);
        error(owner.delete("/api/setup-keys/{keyId}", id), 404);
    }

    @Test
    void getWhenKeyUnknownThenNotFound() {
        NetloomApi.Client owner = accounts.newAccount();
        String unknown = UUID.randomUUID().toString();

        error(owner.get("/api/setup-keys/{keyId}", unknown), 404);
        error(owner.put("/api/setup-keys/{keyId}", Map.of("revoked", true, "auto_groups", List.of()), unknown), 404);
        error(owner.delete("/api/setup-keys/{keyId}", unknown), 404);
    }

    @Test
    void enrollWhenKeyUsedThenUsedTimesAndLastUsedShown() {
        NetloomApi.Client owner = accounts.newAccount();
        JsonNode created = ok(owner.post("/api/setup-keys", TestPeers.reusableKey("office", List.of()))).body();
        assertThat(created.get("last_used").asString()).startsWith("0001-01-01");

        TestPeers.enroll(api.anonymous(), created.get("key").asString(), "a");
        TestPeers.enroll(api.anonymous(), created.get("key").asString(), "b");

        JsonNode key = ok(owner.get("/api/setup-keys/{keyId}", created.get("id").asString())).body();
        assertThat(key.get("used_times").asInt()).isEqualTo(2);
        assertThat(key.get("last_used").asString()).doesNotStartWith("0001-01-01");
        assertThat(key.get("state").asString()).isEqualTo("valid");
    }
}
