package io.netloom.server.gateway;

import static io.netloom.server.testing.TestData.createGroup;
import static io.netloom.server.testing.TestData.createPolicy;
import static io.netloom.server.testing.TestData.createToken;
import static io.netloom.server.testing.TestData.createUser;
import static io.netloom.server.testing.TestData.ok;
import static io.netloom.server.testing.TestData.serviceUser;
import static io.netloom.server.testing.TestData.userUpdate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netloom.gateway.client.GatewayClient;
import io.netloom.gateway.client.SignInRefusedException;
import io.netloom.gateway.protocol.PathReport;
import io.netloom.gateway.protocol.SignedMapEnvelope;
import io.netloom.gateway.protocol.X25519Keys;
import io.netloom.server.testing.NetloomApi;
import io.netloom.server.testing.ServerTest;
import io.netloom.server.testing.TestPeers;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The gateway inside the running server: enrollment hands out what a session needs; presence and revocation reach the API. */
class GatewaySessionTest extends ServerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final Vertx vertx = Vertx.vertx();
    private final GatewayClient client = new GatewayClient(vertx, 8);

    @AfterEach
    void closeVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void sessionWhenPeerConnectsAndLeavesThenPeersApiShowsPresence() throws Exception {
        NetloomApi.Client owner = accounts.newAccount();
        Device device = enroll(owner, "laptop");

        device.connectAndReceiveMap();
        awaitTrue(() -> owner.get("/api/peers/{peerId}", device.peerId).body().get("connected").asBoolean());
        JsonNode online = ok(owner.get("/api/peers/{peerId}", device.peerId)).body();
        device.socket.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        awaitTrue(() -> !owner.get("/api/peers/{peerId}", device.peerId).body().get("connected").asBoolean());

        assertThat(online.get("connection_ip").asString()).isEqualTo("127.0.0.1");
        assertThat(ok(owner.get("/api/peers/{peerId}", device.peerId)).body().get("last_seen").asString())
                .isGreaterThanOrEqualTo(online.get("last_seen").asString());
    }

    @Test
    void pathsWhenReportedThenPeersApiShowsEachSidesReportOnlyInItsAccountUntilDisconnected() throws Exception {
        NetloomApi.Client owner = accounts.newAccount();
        NetloomApi.Client stranger = accounts.newAccount();
        Device a = enroll(owner, "a");
        Device b = enroll(owner, "b");
        Device foreign = enroll(stranger, "foreign");
        String group = createGroup(owner, "pair", a.peerId, b.peerId);
        createPolicy(owner, "pair", List.of(group), List.of(group));
        a.connectAndReceiveMap();
        b.connectAndReceiveMap();
        foreign.connectAndReceiveMap();
        assertThat(a.gatewayFeatures).contains(PathReport.FEATURE);

        a.send(PathReport.encode(List.of(new PathReport.Path(b.peerId, PathReport.ConnectionType.RELAYED, "relay",
                "srflx", "203.0.113.7:51820", PathReport.RelayTransport.TLS, 12.34),
                new PathReport.Path(foreign.peerId, PathReport.ConnectionType.P2P, "host", "host",
                        "198.18.0.9:51820", null, null))));
        b.send(PathReport.encode(List.of(new PathReport.Path(a.peerId, PathReport.ConnectionType.RELAYED, "srflx",
                "relay", "203.0.113.1:49152", null, null))));
        foreign.send(PathReport.encode(List.of(new PathReport.Path(a.peerId, PathReport.ConnectionType.P2P, "host",
                "host", "198.18.0.1:51820", null, 1.0))));
        awaitTrue(() -> owner.get("/api/peers/{peerId}", a.peerId).body().get("netloom_connections").size() == 1
                && owner.get("/api/peers/{peerId}", b.peerId).body().get("netloom_connections").size() == 1);

        JsonNode fromA = ok(owner.get("/api/peers/{peerId}", a.peerId)).body();
        assertThat(fromA.get("netloom_connections").get(0).toString()).isEqualTo("{\"peer_id\":\"" + b.peerId
                + "\",\"peer_name\":\"b\",\"connection_type\":\"RELAYED\",\"local_candidate_type\":\"relay\","
                + "\"remote_candidate_type\":\"srflx\",\"remote_endpoint\":\"203.0.113.7:51820\","
                + "\"relay_transport\":\"tls\",\"latency_ms\":12.3}");
        assertThat(fromA.get("connection_ip").asString()).as("still where the session comes from").isEqualTo("127.0.0.1");
        JsonNode listed = ok(owner.get("/api/peers")).body();
        assertThat(listed.findValues("netloom_connections").stream().map(JsonNode::toString))
                .anyMatch(entries -> entries.contains("\"peer_id\":\"" + a.peerId + "\"")
                        && entries.contains("\"remote_candidate_type\":\"relay\""));
        assertThat(ok(stranger.get("/api/peers/{peerId}", foreign.peerId)).body().get("netloom_connections"))
                .as("another account's peer is no path of foreign's").isEmpty();
        assertThat(ok(owner.get("/api/netloom/openapi")).body().toString()).contains("netloom_connections");

        a.socket.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        awaitTrue(() -> owner.get("/api/peers/{peerId}", a.peerId).body().get("netloom_connections").isEmpty());
        assertThat(ok(owner.get("/api/peers/{peerId}", b.peerId)).body().get("netloom_connections")).hasSize(1);
    }

    @Test
    void pathsWhenMalformedThenSessionClosedAsAProtocolViolationAndNothingShown() throws Exception {
        NetloomApi.Client owner = accounts.newAccount();
        Device a = enroll(owner, "a");
        a.connectAndReceiveMap();

        a.send("{\"type\":\"paths\",\"paths\":[{\"peer\":[],\"connection_type\":\"p2p\"}]}");

        assertThat(a.closed.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo((short) 4400);
        assertThat(a.messages).anyMatch(message -> message.contains("\"code\":\"invalid_paths\""));
        assertThat(ok(owner.get("/api/peers/{peerId}", a.peerId)).body().get("netloom_connections")).isEmpty();
    }

    @Test
    void sessionWhenPolicyCreatedThroughApiThenConnectedPeerReceivesDeltaSignedWithKeyFromEnrollment()
            throws Exception {
        NetloomApi.Client owner = accounts.newAccount();
        Device a = enroll(owner, "a");
        Device b = enroll(owner, "b");
        a.connectAndReceiveMap();

        String group = createGroup(owner, "pair", a.peerId, b.peerId);
        createPolicy(owner, "pair", List.of(group), List.of(group));

        String delta = a.messages.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(delta).contains("\"type\":\"delta\"").contains(b.peerId).contains(b.keys.publicKeyBase64());
        assertThat(a.isSignedForMe(delta)).isTrue();
        assertThat(b.isSignedForMe(delta)).as("bound to its recipient").isFalse();
    }

    @Test
    void sessionWhenPeerDeletedThroughApiThenClosedWithReason() throws Exception {
        NetloomApi.Client owner = accounts.newAccount();
        Device device = enroll(owner, "doomed");
        device.connectAndReceiveMap();

        ok(owner.delete("/api/peers/{peerId}", device.peerId));

        assertThat(device.closed.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo((short) 4403);
        assertThat(device.socket.closeReason()).isEqualTo("peer removed");
    }

    @Test
    void sessionWhenTheCreatorOfItsSetupKeyIsBlockedThenClosedAndUnblockingLetsItBackWithTheSameAddress()
            throws Exception {
        NetloomApi.Client owner = accounts.newAccount();
        String leaverId = createUser(owner, serviceUser("leaver", "admin"));
        NetloomApi.Client leaver = api.as(createToken(owner, leaverId));
        Device server = enroll(TestPeers.createReusableKey(leaver, List.of()), "leavers-server");
        Device laptop = enroll(owner, "laptop");
        String group = createGroup(owner, "pair", server.peerId, laptop.peerId);
        createPolicy(owner, "pair", List.of(group), List.of(group));
        server.connectAndReceiveMap();
        laptop.connectAndReceiveMap();
        String address = ok(owner.get("/api/peers/{peerId}", server.peerId)).body().get("ip").asString();

        ok(owner.put("/api/users/{userId}", userUpdate("admin", true), leaverId));

        assertThat(server.closed.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo((short) 4403);
        assertThat(server.socket.closeReason()).isEqualTo("owner blocked");
        awaitTrue(() -> laptop.messages.stream()
                .anyMatch(message -> message.contains("\"removed_peers\":[\"" + server.peerId + "\"]")));

        ok(owner.put("/api/users/{userId}", userUpdate("admin", false), leaverId));
        Device back = server.again();
        back.connectAndReceiveMap();
        assertThat(ok(owner.get("/api/peers/{peerId}", server.peerId)).body().get("ip").asString()).isEqualTo(address);
    }

    @Test
    void signInWhenAskingForExtraDnsLabelsThenPeersApiShowsThemWhereTheKeyAllowsAndElseClosedWithNothingChanged()
            throws Exception {
        NetloomApi.Client owner = accounts.newAccount();
        Map<String, Object> allowing = new HashMap<>(TestPeers.reusableKey("labels", List.of()));
        allowing.put("allow_extra_dns_labels", true);
        Device allowed = enroll(ok(owner.post("/api/setup-keys", allowing)).text("key"), "allowed");
        Device refused = enroll(owner, "refused");

        allowed.connectAndReceiveMap(List.of("Stage-DB"));
        awaitTrue(() -> owner.get("/api/peers/{peerId}", allowed.peerId).body().get("extra_dns_labels").size() == 1);
        assertThat(ok(owner.get("/api/peers/{peerId}", allowed.peerId)).body().get("extra_dns_labels").get(0)
                .asString()).isEqualTo("stage-db.netloom.internal");

        assertThatThrownBy(() -> refused.connectAndReceiveMap(List.of("db")))
                .hasRootCauseInstanceOf(SignInRefusedException.class)
                .rootCause().hasMessageContaining("4412")
                .hasMessageContaining("setup key doesn't allow extra DNS labels");
        assertThat(ok(owner.get("/api/peers/{peerId}", refused.peerId)).body().get("extra_dns_labels")).isEmpty();
        assertThat(ok(owner.get("/api/peers/{peerId}", refused.peerId)).body().get("connected").asBoolean()).isFalse();
    }

    private Device enroll(NetloomApi.Client owner, String hostname) {
        return enroll(TestPeers.createReusableKey(owner, List.of()), hostname);
    }

    private Device enroll(String setupKey, String hostname) {
        X25519Keys keys = X25519Keys.generate();
        JsonNode configuration = ok(api.anonymous().post("/api/netloom/enroll", TestPeers.enrollment(
                setupKey, keys.publicKeyBase64(), hostname))).body();
        return new Device(keys, configuration.get("peer_id").asString(),
                URI.create(configuration.get("gateway").get("url").asString()),
                Base64.getDecoder().decode(configuration.get("gateway").get("public_key").asString()),
                new SignedMapEnvelope.Recipient(configuration.get("account_id").asString(),
                        configuration.get("peer_id").asString()),
                SignedMapEnvelope.decodePublicKey(configuration.get("map_signing").get("public_key").asString()));
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within %s", PATIENCE).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /** An enrolled device with its own keys, as the daemon will be. */
    private final class Device {
        final X25519Keys keys;
        final String peerId;
        final URI gateway;
        final byte[] gatewayKey;
        final SignedMapEnvelope.Recipient recipient;
        final byte[] mapSigningKey;
        final LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<Short> closed = new CompletableFuture<>();
        WebSocket socket;
        Set<String> gatewayFeatures;

        Device(X25519Keys keys, String peerId, URI gateway, byte[] gatewayKey, SignedMapEnvelope.Recipient recipient,
                byte[] mapSigningKey) {
            this.keys = keys;
            this.peerId = peerId;
            this.gateway = gateway;
            this.gatewayKey = gatewayKey;
            this.recipient = recipient;
            this.mapSigningKey = mapSigningKey;
        }

        /** Whether the message verifies as a daemon of this device checks it. */
        boolean isSignedForMe(String message) {
            return SignedMapEnvelope.open(message).isSignedBy(mapSigningKey, recipient);
        }

        /** The same device after its session ended: same keys and enrollment, a fresh connection. */
        Device again() {
            return new Device(keys, peerId, gateway, gatewayKey, recipient, mapSigningKey);
        }

        void connectAndReceiveMap() throws Exception {
            connectAndReceiveMap(null);
        }

        /** Signs in asking for {@code extraDnsLabels} (null: saying nothing of them), as the daemon does. */
        void connectAndReceiveMap(List<String> extraDnsLabels) throws Exception {
            socket = client.connect(gateway, keys, gatewayKey, -1, "test", extraDnsLabels, (connected, features) -> {
                gatewayFeatures = features;
                connected.textMessageHandler(messages::add);
                connected.closeHandler(ignored -> closed.complete(connected.closeStatusCode()));
            }).toCompletionStage().toCompletableFuture().get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            String map = messages.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            // A device admitted before the map model caught up with its enrollment gets its whole map as a
            // delta from serial 0 instead (PeerSession).
            assertThat(map).containsAnyOf("\"type\":\"map\"", "\"base_serial\":0,");
            assertThat(isSignedForMe(map)).isTrue();
        }

        void send(String message) throws Exception {
            socket.writeTextMessage(message).toCompletionStage().toCompletableFuture()
                    .get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
