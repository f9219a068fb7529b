package io.netloom.server.api;

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
        assertThat(enrolled.body().get("gateway").get("auth_scheme").asString()).isEqualTo("x25519-hmac-sha256-v1");
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
                TestPeers.enrollment("00000000-0000-4000-8000-000000000000", TestPeers.newPublicKey(), "x"));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.text("message")).isEqualTo("setup key is invalid");
        assertThat(owner.get("/api/peers").body()).isEmpty();
    }
}
