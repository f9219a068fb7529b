package io.netloom.daemon.sync;

import static io.netloom.daemon.sync.SyncTests.await;
import static io.netloom.daemon.sync.SyncTests.peerIds;
import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.daemon.DaemonJson;
import io.netloom.daemon.map.NetworkMap;
import io.netloom.daemon.map.OverlayBounds;
import io.netloom.daemon.status.RecentProblems;
import io.netloom.daemon.testing.LoopbackCertificate;
import io.netloom.domain.common.Ipv4Network;
import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.ids.PolicyId;
import io.netloom.domain.ids.PolicyRuleId;
import io.netloom.domain.policy.PolicyRule;
import io.netloom.domain.policy.Protocol;
import io.netloom.gateway.GatewayConfig;
import io.netloom.gateway.PeerDirectory;
import io.netloom.gateway.PeerIdentity;
import io.netloom.gateway.PresenceRecorder;
import io.netloom.gateway.ServerCertificate;
import io.netloom.gateway.SignalGateway;
import io.netloom.gateway.client.GatewayClient;
import io.netloom.gateway.protocol.SignedMapEnvelope;
import io.netloom.gateway.protocol.Wire;
import io.netloom.gateway.protocol.X25519Keys;
import io.netloom.mapsigning.MapSigningKeys;
import io.netloom.mapsigning.SignedMaps;
import io.netloom.projections.networkmap.NetworkMaps;
import io.netloom.projections.networkmap.PeerNode;
import io.netloom.projections.networkmap.PolicySpec;
import io.netloom.tls.ServerTrust;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The daemon's gateway session behind a proxy that tampers with what the real gateway sends (a
 * compromised gateway host or a man in the middle). Whatever it does, the daemon applies only maps
 * the server signed for it, in order, inside its overlay; it keeps the last good map, says why in
 * its status, and asks for the full map where that helps.
 *
 * <p>These tests run the gateway over plain ws:// (a server started with
 * {@code netloom.insecure-http=true}), where nothing but the signature protects the maps. Over TLS a
 * proxy that could read and rewrite the gateway's messages would have to end the daemon's TLS, and
 * then the channel-bound sign-in fails and it gets no session at all
 * ({@link #connectWhenProxyTerminatesTlsWithTheGatewaysOwnCertificateThenSignInRefusedAndNoMapGetsThrough});
 * the signature check must hold even where the transport does not protect, and a compromised gateway
 * host stands where this proxy stands.
 */
class GatewaySessionTamperingTest {

    private static final AccountId ACCOUNT = new AccountId("account-1");
    private static final GroupId MESH = new GroupId("mesh");

    private final Vertx vertx = Vertx.vertx();
    private final NetworkMaps maps = new NetworkMaps();
    private final byte[] masterSecret = new byte[MapSigningKeys.MASTER_SECRET_BYTES];
    private final Map<String, PeerIdentity> enrolled = new ConcurrentHashMap<>();
    private final Map<String, X25519Keys> keys = new ConcurrentHashMap<>();
    private final X25519Keys gatewayKeys = X25519Keys.generate();
    private final RecordingListener listener = new RecordingListener();
    private final List<NetworkMap> applied = listener.applied;
    private final RecentProblems problems = new RecentProblems(Clock.systemUTC());
    private SignedMaps signedMaps;
    private MapSigningKeys signingKeys;
    private PeerDirectory directory;
    private PresenceRecorder presence;
    private SignalGateway gateway;
    private TamperingProxy proxy;
    private GatewaySession session;
    private int gatewayPort;

    @BeforeEach
    void startGatewayAndProxy() throws Exception {
        new SecureRandom().nextBytes(masterSecret);
        signingKeys = new MapSigningKeys(masterSecret);
        signedMaps = new SignedMaps(maps, signingKeys);
        maps.createAccount(ACCOUNT, Ipv4Network.DEFAULT, "netloom.internal");
        maps.change(ACCOUNT, network -> network.addGroup(new GroupId("all"), true));
        maps.change(ACCOUNT, network -> network.addGroup(MESH, false));
        maps.change(ACCOUNT, network -> network.putPolicy(new PolicyId("mesh"), new PolicySpec(true, List.of(
                new PolicyRule(new PolicyRuleId("mesh"), "mesh", "", true, true, Protocol.ALL, List.of(),
                        Set.of(MESH), Set.of(MESH))))));
        directory = publicKey -> enrolled.containsKey(publicKey)
                ? PeerDirectory.Admission.admitted(enrolled.get(publicKey))
                : PeerDirectory.Admission.refused("no peer is enrolled with this key");
        presence = new PresenceRecorder() {
            @Override
            public void connected(PeerIdentity peer, String sessionId, String remoteAddress, String daemonVersion,
                    io.netloom.domain.peer.ExtraDnsLabels extraDnsLabels) {
            }

            @Override
            public void disconnected(PeerIdentity peer, String sessionId) {
            }
        };
        gateway = new SignalGateway(vertx, GatewayConfig.defaults("127.0.0.1", 0), gatewayKeys, maps, signedMaps,
                directory, presence);
        gatewayPort = gateway.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        proxy = new TamperingProxy(new InetSocketAddress("127.0.0.1", gatewayPort));
        enroll("a", "100.64.0.1");
        enroll("b", "100.64.0.2");
    }

    @AfterEach
    void stopEverything() throws Exception {
        if (session != null) {
            session.stop();
        }
        proxy.close();
        gateway.close();
        signedMaps.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void receiveWhenProxyInjectsForgedDeltaAddingAPeerThenRefusedShownAndLastGoodMapKept() throws Exception {
        NetworkMap good = connectDaemonOf("a");
        TestMapSigner attacker = new TestMapSigner();
        String forged = attacker.sign(SignedMapEnvelope.Kind.DELTA, recipient("a"), "{\"base_serial\":"
                + good.serial() + ",\"serial\":" + (good.serial() + 1) + ",\"config\":null,\"upserted_peers\":["
                + "{\"id\":\"intruder\",\"public_key\":\"" + X25519Keys.generate().publicKeyBase64()
                + "\",\"allowed_ip\":\"100.64.0.66/32\",\"fqdn\":\"intruder.netloom.internal\",\"connected\":true}],"
                + "\"removed_peers\":[],\"added_rules\":[],\"removed_rules\":[]}");

        int before = applied.size();

        proxy.injectToDaemon(forged);

        awaitRefusalOrNewMap("signature does not verify", before);
        assertNeverApplied("intruder");
        awaitProblem("signature does not verify");
        assertThat(session.status().lastError()).contains("signature does not verify");
        enroll("c", "100.64.0.3");
        awaitCurrentMapOf("a");
        assertNeverApplied("intruder");
    }

    @Test
    void receiveWhenProxyReplaysEarlierMapAndDeltaThenRefusedAndRemovedPeerStaysRemoved() throws Exception {
        connectDaemonOf("a");
        enroll("c", "100.64.0.3");
        awaitCurrentMapOf("a");
        maps.change(ACCOUNT, network -> network.removeFromGroup(MESH, Set.of(new PeerId("b"))));
        awaitCurrentMapOf("a");
        int appliedBefore = applied.size();
        List<String> earlier = proxy.fromGateway().stream().filter(this::isMapMessage).toList();

        for (String message : earlier) {
            proxy.injectToDaemon(message);
        }

        awaitRefusalOrNewMap("a replayed or reordered map", appliedBefore);
        assertThat(peerIds(applied.get(applied.size() - 1))).doesNotContain("b");
        assertThat(applied).hasSize(appliedBefore);
        awaitProblem("a replayed or reordered map");
        awaitProblem("a replayed or reordered delta");
        assertThat(session.status().lastError()).contains("replayed or reordered");
    }

    @Test
    void receiveWhenProxyReordersDeltasThenOutOfOrderOneRefusedAndFullMapAskedFor() throws Exception {
        connectDaemonOf("a");
        List<String> held = new CopyOnWriteArrayList<>();
        proxy.tamper(text -> {
            if (text.startsWith("{\"type\":\"delta\"") && held.isEmpty()) {
                held.add(text);
                return List.of();
            }
            return List.of(text);
        });

        enroll("c", "100.64.0.3");
        enroll("d", "100.64.0.4");
        awaitProblem("a lost or reordered delta");
        awaitCurrentMapOf("a");
        proxy.injectToDaemon(held.get(0));

        awaitProblem("a replayed or reordered delta");
        assertThat(applied.get(applied.size() - 1)).isEqualTo(currentMapOf("a"));
        assertSerialsNeverWentBack();
    }

    @Test
    void receiveWhenProxyStripsSignatureAndAddsAPeerThenRefusedAndLastGoodMapKept() throws Exception {
        connectDaemonOf("a");
        String intruder = ",{\"id\":\"intruder\",\"public_key\":\"" + X25519Keys.generate().publicKeyBase64()
                + "\",\"allowed_ip\":\"100.64.0.66/32\",\"fqdn\":\"intruder.netloom.internal\",\"connected\":true}]";
        proxy.tamper(text -> {
            if (!text.startsWith("{\"type\":\"delta\"")) {
                return List.of(text);
            }
            String json = SignedMapEnvelope.open(text).json();
            return List.of("{\"type\":\"delta\",\"delta\":" + json.replaceFirst("}]", "}" + intruder) + "}");
        });

        int before = applied.size();

        enroll("c", "100.64.0.3");

        awaitRefusalOrNewMap("it is not signed", before);
        assertNeverApplied("intruder");
        awaitProblem("it is not signed");
        assertThat(session.status().lastError()).contains("it is not signed");
        proxy.tamper(List::of);
        enroll("d", "100.64.0.4");
        awaitCurrentMapOf("a");
        assertNeverApplied("intruder");
    }

    @Test
    void receiveWhenProxySwapsInAnotherPeersSignedMapThenRefusedAndOwnMapKept() throws Exception {
        NetworkMap own = connectDaemonOf("a");
        String mapOfB = signedMapReceivedBy("b");
        assertThat(SignedMapEnvelope.open(mapOfB).isSignedBy(accountKey(), recipient("b"))).isTrue();

        int before = applied.size();

        proxy.injectToDaemon(mapOfB);

        awaitRefusalOrNewMap("signature does not verify", before);
        assertThat(applied).as("only its own map, again after the resync").allMatch(own::equals);
        awaitProblem("signature does not verify");
        awaitCurrentMapOf("a");
        assertThat(applied).allMatch(own::equals);
        assertThat(peerIds(own)).containsExactly("b");
    }

    @Test
    void receiveWhenSignedMapGivesAPeerAnAddressOutsideTheOverlayThenRefusedAndLastGoodMapKept() throws Exception {
        NetworkMap good = connectDaemonOf("a");
        int before = applied.size();

        enroll("outsider", "192.0.2.66");

        awaitRefusalOrNewMap("peer \"outsider\" has allowed IP \"192.0.2.66/32\", not a single address (/32) "
                + "inside the overlay 100.64.0.0/10", before);
        assertNeverApplied("outsider");
        assertThat(applied).allMatch(good::equals);
        awaitProblem("peer \"outsider\" has allowed IP");
    }

    @Test
    void connectWhenProxyTerminatesTlsWithTheGatewaysOwnCertificateThenSignInRefusedAndNoMapGetsThrough()
            throws Exception {
        LoopbackCertificate certificate = LoopbackCertificate.generate();
        GatewayConfig plain = GatewayConfig.defaults("127.0.0.1", 0);
        SignalGateway tlsGateway = new SignalGateway(vertx, new GatewayConfig(plain.host(), plain.port(),
                plain.maxFrameBytes(), plain.messagesPerSecond(), plain.messageBurst(), plain.connectionsPerSecond(),
                plain.connectionBurst(), plain.heartbeatInterval(), plain.idleTimeout(), plain.signInTimeout(),
                plain.mapQueueBytes(), plain.writeQueueBytes(),
                new ServerCertificate(List.of(certificate.certificate()), certificate.privateKey())),
                gatewayKeys, maps, signedMaps, directory, presence);
        int tlsPort = tlsGateway.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        try (TamperingProxy relay = TamperingProxy.terminatingTls(new InetSocketAddress("127.0.0.1", tlsPort),
                certificate.serverContext(), certificate.pinned().sslContext())) {
            session = sessionOf("a", URI.create("wss://127.0.0.1:" + relay.port() + Wire.PEER_PATH),
                    certificate.pinned());

            session.start();

            // Whichever comes first: the refusal, or anything past a challenge (a daemon admitted through the proxy).
            await(() -> String.valueOf(session.status().lastError()).contains("code 4401") || !applied.isEmpty()
                    || !relay.fromGateway().stream().allMatch(GatewaySessionTamperingTest::isChallenge),
                    "the gateway's refusal of the sign-in relayed to the daemon, or a message past the challenge");
            assertThat(relay.fromGateway()).as("the gateway sent the proxy nothing but challenges")
                    .allMatch(GatewaySessionTamperingTest::isChallenge);
            assertThat(applied).as("no map reached the daemon").isEmpty();
            assertThat(session.status().lastError()).contains("the gateway refused the sign-in with code 4401");
        } finally {
            tlsGateway.close();
        }
    }

    /** Enrolls a peer into the mesh group, at an address the test chooses. */
    private void enroll(String name, String address) {
        X25519Keys peerKeys = X25519Keys.generate();
        PeerId id = new PeerId(name);
        maps.change(ACCOUNT, network -> network.addPeer(new PeerNode(id, peerKeys.publicKeyBase64(), address, name,
                null, true, false)));
        maps.change(ACCOUNT, network -> network.addToGroup(MESH, Set.of(id)));
        keys.put(name, peerKeys);
        enrolled.put(peerKeys.publicKeyBase64(), new PeerIdentity(ACCOUNT, id, peerKeys.publicKeyBase64()));
    }

    /** Starts the daemon's session for the peer through the proxy and waits for its first map. */
    private NetworkMap connectDaemonOf(String name) throws Exception {
        session = sessionOf(name, URI.create("ws://127.0.0.1:" + proxy.port() + Wire.PEER_PATH),
                ServerTrust.certificateAuthorities());
        session.start();
        awaitCurrentMapOf(name);
        return applied.get(applied.size() - 1);
    }

    /** The daemon's session for the peer, as the daemon builds it from its enrollment. */
    private GatewaySession sessionOf(String name, URI gatewayUrl, ServerTrust gatewayTrust) {
        MapTrust trust = new MapTrust(accountKey(), recipient(name), OverlayBounds.of(Ipv4Network.DEFAULT.cidr()));
        return new GatewaySession(vertx, List.of(gatewayUrl), gatewayTrust, keys.get(name), gatewayKeys.publicKey(), name, null,
                listener, problems, Clock.systemUTC(), new VerifiedMaps(trust, MapFloors.none(), floors -> { }), grant -> { });
    }

    /** The first message another peer's own session receives straight from the gateway: its signed map. */
    private String signedMapReceivedBy(String name) throws Exception {
        GatewayClient client = new GatewayClient(vertx, 1);
        LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
        WebSocket socket = client.connect(URI.create("ws://127.0.0.1:" + gatewayPort + Wire.PEER_PATH), keys.get(name),
                        gatewayKeys.publicKey(), -1, "test", connected -> connected.textMessageHandler(received::add))
                .toCompletionStage().toCompletableFuture().get(SyncTests.PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        String first = received.poll(SyncTests.PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        socket.close();
        assertThat(first).startsWith("{\"type\":\"map\"");
        return first;
    }

    private byte[] accountKey() {
        return SignedMapEnvelope.decodePublicKey(signingKeys.publicKeyBase64(ACCOUNT));
    }

    private static SignedMapEnvelope.Recipient recipient(String peer) {
        return new SignedMapEnvelope.Recipient(ACCOUNT.value(), peer);
    }

    private static boolean isChallenge(String text) {
        return text.startsWith("{\"type\":\"challenge\"");
    }

    private boolean isMapMessage(String text) {
        return text.startsWith("{\"type\":\"map\"") || text.startsWith("{\"type\":\"delta\"");
    }

    /** The peer's map as the server holds it, in the daemon's types. */
    private NetworkMap currentMapOf(String name) {
        try {
            return DaemonJson.MAPPER.readValue(
                    Wire.JSON.writeValueAsString(maps.mapOf(ACCOUNT, new PeerId(name)).orElseThrow()), NetworkMap.class);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private void awaitCurrentMapOf(String name) throws InterruptedException {
        await(() -> !applied.isEmpty() && applied.get(applied.size() - 1).equals(currentMapOf(name)),
                "the daemon holds the server's current map of " + name);
    }

    private void awaitProblem(String text) throws InterruptedException {
        await(() -> problems.newestFirst().stream().anyMatch(problem -> problem.contains(text)),
                "a problem shown in status containing '" + text + "', got " + problems.newestFirst());
    }

    /**
     * Waits until the refusal is shown or a map beyond the first {@code before} is applied, whichever
     * comes first: a daemon that accepts what it should refuse fails on the map, not on a timeout.
     */
    private void awaitRefusalOrNewMap(String refusal, int before) throws InterruptedException {
        await(() -> applied.size() > before || problems.newestFirst().stream().anyMatch(p -> p.contains(refusal)),
                "a refusal containing '" + refusal + "' or a new map");
    }

    private void assertNeverApplied(String peer) {
        assertThat(applied).allSatisfy(map -> assertThat(peerIds(map)).doesNotContain(peer));
    }

    private void assertSerialsNeverWentBack() {
        for (int i = 1; i < applied.size(); i++) {
            assertThat(applied.get(i).serial()).isGreaterThan(applied.get(i - 1).serial());
        }
    }
}
