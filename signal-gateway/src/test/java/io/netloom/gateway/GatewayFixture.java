package io.netloom.gateway;

import io.netloom.domain.common.Ipv4Network;
import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.ids.PolicyId;
import io.netloom.domain.ids.PolicyRuleId;
import io.netloom.domain.ids.UserId;
import io.netloom.domain.peer.ExtraDnsLabels;
import io.netloom.domain.policy.PolicyRule;
import io.netloom.domain.policy.Protocol;
import io.netloom.gateway.protocol.SignedMapEnvelope;
import io.netloom.gateway.protocol.X25519Keys;
import io.netloom.mapsigning.MapSigningKeys;
import io.netloom.mapsigning.SignedMaps;
import io.netloom.projections.networkmap.NetworkMaps;
import io.netloom.projections.networkmap.PeerNode;
import io.netloom.projections.networkmap.PolicySpec;
import io.netloom.gateway.protocol.Wire;
import io.netloom.tls.ServerTrust;
import io.vertx.core.Vertx;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A gateway on a real network-map model of one account, with peers whose keys the test holds. The
 * directory answers from the peers added here, as the server's answers from its read model.
 */
final class GatewayFixture implements AutoCloseable {

    static final AccountId ACCOUNT = new AccountId("account-1");
    static final GroupId ALL = new GroupId("all");
    static final GroupId MESH = new GroupId("mesh");

    final NetworkMaps maps = new NetworkMaps();
    final MapSigningKeys signingKeys = new MapSigningKeys(new byte[MapSigningKeys.MASTER_SECRET_BYTES]);
    final SignedMaps signedMaps = new SignedMaps(maps, signingKeys);
    final X25519Keys gatewayKeys = X25519Keys.generate();
    final List<String> presence = new CopyOnWriteArrayList<>();
    /** The peers whose reported paths changed, one entry per notification. */
    final List<PeerId> pathChanges = new CopyOnWriteArrayList<>();
    /** What the gateway counted: {@code map:full}, {@code map:delta} and {@code signal:<outcome>}. */
    final Map<String, Integer> counted = new ConcurrentHashMap<>();
    /** Peers whose setup key allowed extra DNS labels (ADR 0046). */
    final Set<PeerId> allowingExtraDnsLabels = ConcurrentHashMap.newKeySet();
    private final Map<String, PeerIdentity> peersByKey = new ConcurrentHashMap<>();
    private final Map<String, X25519Keys> keysByName = new ConcurrentHashMap<>();
    private final Vertx vertx;
    private SignalGateway gateway;
    private final List<SignalGateway> others = new CopyOnWriteArrayList<>();
    private int port;
    private int hosts;

    GatewayFixture(Vertx vertx) {
        this.vertx = vertx;
        maps.createAccount(ACCOUNT, Ipv4Network.DEFAULT, "netloom.internal");
        maps.change(ACCOUNT, network -> network.addGroup(ALL, true));
        maps.change(ACCOUNT, network -> network.addGroup(MESH, false));
        maps.change(ACCOUNT, network -> network.putPolicy(new PolicyId("mesh"), new PolicySpec(true, List.of(
                new PolicyRule(new PolicyRuleId("mesh"), "mesh", "", true, true, Protocol.ALL, List.of(),
                        Set.of(MESH), Set.of(MESH))))));
    }

    GatewayFixture start(GatewayConfig config) {
        return start(config, TurnCredentialSource.NONE);
    }

    /** A gateway that hands each signed-in peer the TURN credentials {@code turnCredentials} issues. */
    GatewayFixture start(GatewayConfig config, TurnCredentialSource turnCredentials) {
        gateway = gatewayOn(vertx, config, turnCredentials);
        port = TestClient.await(gateway.start());
        return this;
    }

    /**
     * Another gateway on the same model, directory and keys, as another server process has them, on {@code other}
     * (in a cluster, another member); returns the port it listens on. Closed with the fixture.
     */
    int startAnother(Vertx other, GatewayConfig config) {
        SignalGateway another = gatewayOn(other, config, TurnCredentialSource.NONE);
        others.add(another);
        return TestClient.await(another.start());
    }

    private SignalGateway gatewayOn(Vertx on, GatewayConfig config, TurnCredentialSource turnCredentials) {
        PeerDirectory directory = publicKey -> {
            PeerIdentity peer = peersByKey.get(publicKey);
            if (peer == null || maps.mapOf(ACCOUNT, peer.peerId()).isEmpty()) {
                return PeerDirectory.Admission.refused("no peer is enrolled with this key");
            }
            return PeerDirectory.Admission.admitted(peer, allowingExtraDnsLabels.contains(peer.peerId()));
        };
        PresenceRecorder recorder = new PresenceRecorder() {
            @Override
            public void connected(PeerIdentity peer, String sessionId, String remoteAddress, String daemonVersion,
                    ExtraDnsLabels extraDnsLabels) {
                presence.add("connected " + peer.peerId() + " from " + remoteAddress + " " + daemonVersion
                        + (extraDnsLabels == null ? "" : " asking for " + extraDnsLabels.names()));
            }

            @Override
            public void disconnected(PeerIdentity peer, String sessionId) {
                presence.add("disconnected " + peer.peerId());
            }
        };
        return new SignalGateway(on, config, gatewayKeys, maps, signedMaps, directory, recorder, turnCredentials,
                peer -> pathChanges.add(peer.peerId()), new CountingMeters(), java.time.Clock.systemUTC());
    }

    /** Enrolls a peer; members of the mesh group reach each other. */
    X25519Keys peer(String name, boolean inMesh) {
        return peer(name, inMesh, null);
    }

    /** A peer enrolled by a user, who can be blocked. */
    X25519Keys peer(String name, boolean inMesh, UserId owner) {
        X25519Keys keys = X25519Keys.generate();
        PeerId id = new PeerId(name);
        int host = ++hosts;
        maps.change(ACCOUNT, network -> network.addPeer(new PeerNode(id, keys.publicKeyBase64(), "100.64.0." + host,
                name, owner, true, false)));
        if (inMesh) {
            maps.change(ACCOUNT, network -> network.addToGroup(MESH, Set.of(id)));
        }
        peersByKey.put(keys.publicKeyBase64(), new PeerIdentity(ACCOUNT, id, keys.publicKeyBase64()));
        keysByName.put(name, keys);
        return keys;
    }

    TestClient client(String name) {
        return client(name, port);
    }

    /** A client of the gateway on {@code gatewayPort}: this fixture's, or another one started by it. */
    TestClient client(String name, int gatewayPort) {
        return new TestClient(vertx, URI.create("ws://127.0.0.1:" + gatewayPort + Wire.PEER_PATH),
                ServerTrust.certificateAuthorities(), gatewayKeys.publicKey(), keysByName.get(name), signedFor(name));
    }

    /** A client of a gateway started with TLS, trusting what {@code trust} decides. */
    TestClient tlsClient(String name, ServerTrust trust) {
        return tlsClient(keysByName.get(name), port, trust);
    }

    /** A client with {@code keys} of a TLS endpoint on {@code port} (the gateway, or something in front of it). */
    TestClient tlsClient(X25519Keys keys, int port, ServerTrust trust) {
        return new TestClient(vertx, URI.create("wss://127.0.0.1:" + port + Wire.PEER_PATH), trust,
                gatewayKeys.publicKey(), keys, nameOf(keys).map(this::signedFor).orElse(null));
    }

    X25519Keys keysOf(String name) {
        return keysByName.get(name);
    }

    int port() {
        return port;
    }

    /** A session of the named peer that has received its first map. */
    TestClient connected(String name) {
        TestClient client = client(name).connect(-1);
        client.nextOfType("map");
        return client;
    }

    /** A client of a key the test chose, which the gateway may refuse; it expects no map. */
    TestClient clientWithKeys(X25519Keys keys) {
        return new TestClient(vertx, gatewayUri("ws"), ServerTrust.certificateAuthorities(), gatewayKeys.publicKey(),
                keys, null);
    }

    /** What the named peer's maps must be signed with and for. */
    TestClient.SignedBy signedFor(String name) {
        return new TestClient.SignedBy(SignedMapEnvelope.decodePublicKey(signingKeys.publicKeyBase64(ACCOUNT)),
                new SignedMapEnvelope.Recipient(ACCOUNT.value(), name));
    }

    private Optional<String> nameOf(X25519Keys keys) {
        return keysByName.entrySet().stream().filter(entry -> entry.getValue() == keys).map(Map.Entry::getKey)
                .findFirst();
    }

    private URI gatewayUri(String scheme) {
        return URI.create(scheme + "://127.0.0.1:" + port + Wire.PEER_PATH);
    }

    void updateCertificate(ServerCertificate certificate) {
        TestClient.await(gateway.updateCertificate(certificate));
    }

    int connectedPeers() {
        return gateway.connectedPeers();
    }

    int reportedPaths(io.netloom.gateway.protocol.PathReport.ConnectionType type) {
        return gateway.reportedPaths(type);
    }

    int counted(String what) {
        return counted.getOrDefault(what, 0);
    }

    private final class CountingMeters implements GatewayMeters {

        @Override
        public void mapPushed(boolean fullMap) {
            counted.merge(fullMap ? "map:full" : "map:delta", 1, Integer::sum);
        }

        @Override
        public void signal(SignalOutcome outcome) {
            counted.merge("signal:" + outcome.tag(), 1, Integer::sum);
        }
    }

    /** What the named peer of the fixture's account last reported on its live session. */
    Optional<ReportedPaths> reportedPaths(String name) {
        return gateway.reportedPaths(ACCOUNT, new PeerId(name));
    }

    /** The same, as the first gateway {@link #startAnother started besides} shows it. */
    Optional<ReportedPaths> reportedPathsOnAnother(String name) {
        return others.get(0).reportedPaths(ACCOUNT, new PeerId(name));
    }

    @Override
    public void close() {
        others.forEach(SignalGateway::close);
        if (gateway != null) {
            gateway.close();
        }
        signedMaps.close();
    }
}
