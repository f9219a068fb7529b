package io.netloom.server.api;

import static io.netloom.server.testing.TestData.ids;
import static io.netloom.server.testing.TestData.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.gateway.protocol.SignedMapEnvelope;
import io.netloom.server.testing.NetloomApi;
import io.netloom.server.testing.ServerTest;
import io.netloom.server.testing.TestPeers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class EnrollmentApiTest extends ServerTest {

    private static final String UNKNOWN_SETUP_KEY = "00000000-0000-4000-8000-000000000000";

    @Test
    void enrollWhenKeyValidThenPeerGetsAddressInAccountNetworkAndAppearsInGroups() {
        NetloomApi.Client owner = accounts.newAccount();
        String group = owner.post("/api/groups", Map.of("name", "servers")).text("id");
        String key = TestPeers.createReusableKey(owner, List.of(group));

        NetloomApi.Response enrolled = api.anonymous().post("/api/netloom/enroll",
                TestPeers.enrollment(key, TestPeers.newPublicKey(), "Build Server"));

        assertThat(enrolled.status()).isEqualTo(200);
        assertThat(enrolled.text("overlay_ip")).startsWith("100.");
        assertThat(enrolled.body().get("overlay_prefix_length").asInt()).isEqualTo(10);
        assertThat(enrolled.text("fqdn")).isEqualTo("build-server.netloom.internal");
        assertThat(enrolled.body().get("gateway").get("auth_scheme").asString()).isEqualTo("x25519-hmac-sha256-tls-exporter-v2");
        JsonNode gateway = enrolled.body().get("gateway");
        assertThat(gateway.get("urls").size()).isEqualTo(1);
        assertThat(gateway.get("urls").get(0).asString()).isEqualTo(gateway.get("url").asString());
        NetloomApi.Response peer = owner.get("/api/peers/{peerId}", enrolled.text("peer_id"));
        assertThat(peer.status()).isEqualTo(200);
        assertThat(peer.body().get("groups").findValuesAsString("name")).containsExactlyInAnyOrder("All", "servers");
    }

    @Test
    void enrollWhenSameKeyTwiceThenSamePeerAndKeyUsedOnce() {
        NetloomApi.Client owner = accounts.newAccount();
        String key = TestPeers.createReusableKey(owner, List.of());
        String publicKey = TestPeers.newPublicKey();

        NetloomApi.Response first = api.anonymous().post("/api/netloom/enroll", TestPeers.enrollment(key, publicKey, "a"));
        NetloomApi.Response second = api.anonymous().post("/api/netloom/enroll", TestPeers.enrollment(key, publicKey, "a"));

        assertThat(second.status()).isEqualTo(200);
        assertThat(second.text("peer_id")).isEqualTo(first.text("peer_id"));
        assertThat(second.text("overlay_ip")).isEqualTo(first.text("overlay_ip"));
        assertThat(owner.get("/api/peers").body()).hasSize(1);
        assertThat(owner.get("/api/setup-keys").body().get(0).get("used_times").asInt()).isEqualTo(1);
    }

    @Test
    void enrollWhenPeersOfTwoAccountsThenEachGetsItsOwnAccountsMapSigningKey() {
        NetloomApi.Client owner = accounts.newAccount();
        NetloomApi.Client stranger = accounts.newAccount();
        String key = TestPeers.createReusableKey(owner, List.of());

        JsonNode first = api.anonymous().post("/api/netloom/enroll",
                TestPeers.enrollment(key, TestPeers.newPublicKey(), "a")).body().get("map_signing");
        JsonNode second = api.anonymous().post("/api/netloom/enroll",
                TestPeers.enrollment(key, TestPeers.newPublicKey(), "b")).body().get("map_signing");
        JsonNode other = api.anonymous().post("/api/netloom/enroll", TestPeers.enrollment(
                TestPeers.createReusableKey(stranger, List.of()), TestPeers.newPublicKey(), "c")).body()
                .get("map_signing");

        assertThat(first.get("scheme").asString()).isEqualTo("ed25519-netloom-map-v1");
        assertThat(SignedMapEnvelope.decodePublicKey(first.get("public_key").asString())).hasSize(32);
        assertThat(second.get("public_key").asString()).isEqualTo(first.get("public_key").asString());
        assertThat(other.get("public_key").asString()).isNotEqualTo(first.get("public_key").asString());
    }

    @Test
    void enrollWhenSetupKeyUnknownThenUnauthorizedAndNothingStored() {
        NetloomApi.Client owner = accounts.newAccount();

        NetloomApi.Response response = api.anonymous().post("/api/netloom/enroll",
                TestPeers.enrollment(UNKNOWN_SETUP_KEY, TestPeers.newPublicKey(), "x"));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.text("message")).isEqualTo("setup key is invalid");
        assertThat(owner.get("/api/peers").body()).isEmpty();
    }

    @Test
    void enrollWhenWireguardKeyEnrolledInAnotherAccountThenRefusedExactlyAsAnUnknownSetupKey() {
        NetloomApi.Client a = accounts.newAccount();
        NetloomApi.Client b = accounts.newAccount();
        String publicKey = TestPeers.newPublicKey();
        String aPeer = ok(api.anonymous().post("/api/netloom/enroll",
                TestPeers.enrollment(TestPeers.createReusableKey(a, List.of()), publicKey, "a-box"))).text("peer_id");
        String bKey = TestPeers.createReusableKey(b, List.of());

        NetloomApi.Response crossAccount =
                api.anonymous().post("/api/netloom/enroll", TestPeers.enrollment(bKey, publicKey, "b-box"));
        NetloomApi.Response unknownSetupKey = api.anonymous().post("/api/netloom/enroll",
                TestPeers.enrollment(UNKNOWN_SETUP_KEY, TestPeers.newPublicKey(), "b-box"));

        assertThat(crossAccount.status()).isEqualTo(unknownSetupKey.status()).isEqualTo(401);
        assertThat(crossAccount.rawBody()).isEqualTo(unknownSetupKey.rawBody());
        assertThat(ok(b.get("/api/peers")).body()).isEmpty();
        assertThat(ok(b.get("/api/setup-keys")).body().get(0).get("used_times").asInt()).isZero();
        assertThat(ids(a.get("/api/peers"))).containsExactly(aPeer);
        assertThat(ok(a.get("/api/peers/{peerId}", aPeer)).text("name")).isEqualTo("a-box");
    }

    @Test
    void enrollWhenSetupKeyRevokedThenSameAnswerWhetherOrNotAnotherAccountHasTheDevice() {
        NetloomApi.Client a = accounts.newAccount();
        NetloomApi.Client b = accounts.newAccount();
        String aDevice = TestPeers.newPublicKey();
        ok(api.anonymous().post("/api/netloom/enroll",
                TestPeers.enrollment(TestPeers.createReusableKey(a, List.of()), aDevice, "a-box")));
        String bKey = TestPeers.createReusableKey(b, List.of());
        String bKeyId = ok(b.get("/api/setup-keys")).body().get(0).get("id").asString();
        ok(b.put("/api/setup-keys/{keyId}", Map.of("revoked", true, "auto_groups", List.of()), bKeyId));

        NetloomApi.Response deviceOfA =
                api.anonymous().post("/api/netloom/enroll", TestPeers.enrollment(bKey, aDevice, "box"));
        NetloomApi.Response newDevice =
                api.anonymous().post("/api/netloom/enroll", TestPeers.enrollment(bKey, TestPeers.newPublicKey(), "box"));

        assertThat(deviceOfA.status()).isEqualTo(newDevice.status()).isEqualTo(412);
        assertThat(deviceOfA.rawBody()).isEqualTo(newDevice.rawBody());
    }

    @Test
    void enrollWhenPeerDeletedThenItsWireguardKeyCanJoinAnotherAccount() {
        NetloomApi.Client a = accounts.newAccount();
        NetloomApi.Client b = accounts.newAccount();
        String publicKey = TestPeers.newPublicKey();
        String aPeer = ok(api.anonymous().post("/api/netloom/enroll",
                TestPeers.enrollment(TestPeers.createReusableKey(a, List.of()), publicKey, "moving"))).text("peer_id");
        ok(a.delete("/api/peers/{peerId}", aPeer));

        NetloomApi.Response joined = api.anonymous().post("/api/netloom/enroll",
                TestPeers.enrollment(TestPeers.createReusableKey(b, List.of()), publicKey, "moving"));

        assertThat(ids(b.get("/api/peers"))).containsExactly(ok(joined).text("peer_id"));
        assertThat(ok(a.get("/api/peers")).body()).isEmpty();
    }
}
