package io.netloom.server.api;

import static io.netloom.server.testing.TestData.audit;
import static io.netloom.server.testing.TestData.createGroup;
import static io.netloom.server.testing.TestData.ok;
import static io.netloom.server.testing.TestData.policy;
import static io.netloom.server.testing.TestData.rule;
import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.server.testing.NetloomApi;
import io.netloom.server.testing.ServerTest;
import io.netloom.server.testing.TestPeers;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Extra DNS labels (ADR 0046): asked for at enrollment and login, allowed by the setup key, shown as NetBird does. */
class ExtraDnsLabelsApiTest extends ServerTest {

    @Test
    void enrollWhenKeyAllowsLabelsThenPeerShowsThemAsNamesAndPeersThatReachItGetThemInTheirMaps() {
        NetloomApi.Client owner = accounts.newAccount();
        String key = keyAllowingLabels(owner, true);
        String a = TestPeers.enroll(api.anonymous(), key, "a");
        String c = TestPeers.enroll(api.anonymous(), key, "c");

        String b = ok(api.anonymous().post("/api/netloom/enroll",
                withLabels(TestPeers.enrollment(key, TestPeers.newPublicKey(), "b"), "Stage-DB", "web", "web")))
                .text("peer_id");
        ok(owner.post("/api/policies", policy("a-b", true, List.of(rule("r",
                List.of(createGroup(owner, "A", a)), List.of(createGroup(owner, "B", b)))))));

        assertThat(ok(owner.get("/api/peers/{peerId}", b)).body().get("extra_dns_labels").valueStream()
                .map(JsonNode::asString)).containsExactly("stage-db.netloom.internal", "web.netloom.internal");
        assertThat(ok(owner.get("/api/setup-keys")).body().get(0).get("allow_extra_dns_labels").asBoolean()).isTrue();
        JsonNode remoteOfA = ok(owner.get("/api/peers/{peerId}/network-map", a)).body().get("remote_peers").get(0);
        assertThat(remoteOfA.get("extra_fqdns").valueStream().map(JsonNode::asString))
                .containsExactly("stage-db.netloom.internal", "web.netloom.internal");
        assertThat(ok(owner.get("/api/peers/{peerId}/network-map", c)).body().get("remote_peers"))
                .as("c may not reach b: no name of b reaches c's resolver").isEmpty();
        JsonNode enrolled = audit(owner).stream()
                .filter(e -> e.get("activity_code").asString().equals("peer.setupkey.add")
                        && e.get("target_id").asString().equals(b))
                .findFirst().orElseThrow();
        assertThat(enrolled.get("meta").get("extra_dns_labels").asString()).isEqualTo("stage-db,web");
    }

    @Test
    void enrollWhenKeyDoesNotAllowLabelsThenPreconditionFailedAndKeyUnused() {
        NetloomApi.Client owner = accounts.newAccount();
        String key = keyAllowingLabels(owner, false);

        NetloomApi.Response refused = api.anonymous().post("/api/netloom/enroll",
                withLabels(TestPeers.enrollment(key, TestPeers.newPublicKey(), "b"), "db"));

        assertThat(refused.status()).isEqualTo(412);
        assertThat(refused.text("message")).isEqualTo("setup key doesn't allow extra DNS labels");
        assertThat(ok(owner.get("/api/peers")).body()).isEmpty();
        assertThat(ok(owner.get("/api/setup-keys")).body().get(0).get("used_times").asInt()).isZero();
        assertThat(ok(owner.get("/api/setup-keys")).body().get(0).get("allow_extra_dns_labels").asBoolean())
                .isFalse();
    }

    @Test
    void enrollWhenLabelsMalformedOrTooManyThenUnprocessableAndNothingStored() {
        NetloomApi.Client owner = accounts.newAccount();
        String key = keyAllowingLabels(owner, true);
        String[] tooMany = new String[33];
        for (int i = 0; i < tooMany.length; i++) {
            tooMany[i] = "n" + i;
        }

        NetloomApi.Response wildcard = api.anonymous().post("/api/netloom/enroll",
                withLabels(TestPeers.enrollment(key, TestPeers.newPublicKey(), "b"), "*.stage"));
        NetloomApi.Response notAName = api.anonymous().post("/api/netloom/enroll",
                withLabels(TestPeers.enrollment(key, TestPeers.newPublicKey(), "b"), "stage db"));
        NetloomApi.Response thirtyThree = api.anonymous().post("/api/netloom/enroll",
                withLabels(TestPeers.enrollment(key, TestPeers.newPublicKey(), "b"), tooMany));

        assertThat(wildcard.status()).isEqualTo(notAName.status()).isEqualTo(thirtyThree.status()).isEqualTo(422);
        assertThat(wildcard.text("message")).startsWith("extra DNS label \"*.stage\" is not a valid DNS name");
        assertThat(thirtyThree.text("message")).isEqualTo("at most 32 extra DNS labels are allowed, not 33");
        assertThat(ok(owner.get("/api/peers")).body()).isEmpty();
        assertThat(ok(owner.get("/api/setup-keys")).body().get(0).get("used_times").asInt()).isZero();
    }

    @Test
    void enrollAgainWhenLabelsChangedThenUpdatedAuditedClearedByEmptyAndKeptWhenNotSent() {
        NetloomApi.Client owner = accounts.newAccount();
        String key = keyAllowingLabels(owner, true);
        String publicKey = TestPeers.newPublicKey();
        String b = ok(api.anonymous().post("/api/netloom/enroll",
                withLabels(TestPeers.enrollment(key, publicKey, "b"), "db"))).text("peer_id");

        ok(api.anonymous().post("/api/netloom/enroll", withLabels(TestPeers.enrollment(key, publicKey, "b"), "cache")));
        assertThat(labelsOf(owner, b)).containsExactly("cache.netloom.internal");
        assertThat(audit(owner)).filteredOn(e -> e.get("activity_code").asString().equals("peer.rename"))
                .singleElement().satisfies(e -> {
                    assertThat(e.get("activity").asString()).isEqualTo("Peer extra DNS labels updated");
                    assertThat(e.get("target_id").asString()).isEqualTo(b);
                    assertThat(e.get("meta").get("extra_dns_labels").asString()).isEqualTo("cache");
                });

        ok(api.anonymous().post("/api/netloom/enroll", TestPeers.enrollment(key, publicKey, "b")));
        assertThat(labelsOf(owner, b)).as("a daemon that says nothing keeps them").containsExactly(
                "cache.netloom.internal");

        ok(api.anonymous().post("/api/netloom/enroll", withLabels(TestPeers.enrollment(key, publicKey, "b"))));
        assertThat(labelsOf(owner, b)).isEmpty();
    }

    @Test
    void enrollAgainWhenKeyDidNotAllowLabelsThenPreconditionFailedAndMetadataUnchanged() {
        NetloomApi.Client owner = accounts.newAccount();
        String key = keyAllowingLabels(owner, false);
        String publicKey = TestPeers.newPublicKey();
        String b = ok(api.anonymous().post("/api/netloom/enroll", TestPeers.enrollment(key, publicKey, "b")))
                .text("peer_id");
        int auditBefore = audit(owner).size();
        Map<String, Object> again = withLabels(TestPeers.enrollment(key, publicKey, "b"), "db");
        again.put("daemon_version", "0.2.0");

        NetloomApi.Response refused = api.anonymous().post("/api/netloom/enroll", again);

        assertThat(refused.status()).isEqualTo(412);
        assertThat(ok(owner.get("/api/peers/{peerId}", b)).text("version")).isEqualTo("0.1.0");
        assertThat(audit(owner)).hasSize(auditBefore);
    }

    private static String keyAllowingLabels(NetloomApi.Client owner, boolean allowed) {
        Map<String, Object> key = new HashMap<>(TestPeers.reusableKey("labels", List.of()));
        key.put("allow_extra_dns_labels", allowed);
        return ok(owner.post("/api/setup-keys", key)).text("key");
    }

    private static Map<String, Object> withLabels(Map<String, Object> enrollment, String... labels) {
        Map<String, Object> request = new HashMap<>(enrollment);
        request.put("extra_dns_labels", List.of(labels));
        return request;
    }

    private static List<String> labelsOf(NetloomApi.Client owner, String peer) {
        return ok(owner.get("/api/peers/{peerId}", peer)).body().get("extra_dns_labels").valueStream()
                .map(JsonNode::asString).toList();
    }
}
