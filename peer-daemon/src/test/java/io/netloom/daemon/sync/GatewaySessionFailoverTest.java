package io.netloom.daemon.sync;

import static io.netloom.daemon.sync.SyncTests.await;
import static io.netloom.daemon.sync.SyncTests.peerIds;
import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.daemon.DaemonJson;
import io.netloom.daemon.map.NetworkMap;
import io.netloom.daemon.map.OverlayBounds;
import io.netloom.daemon.status.RecentProblems;
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
import io.netloom.gateway.SignalGateway;
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
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two server processes, each with its own gateway and its own network-map model, sharing the gateway key and the
 * account's map-signing key (ADR 0057). The daemon is given both URLs; when the process it is on goes away, it signs in
 * at the other one and holds that one's map, even where the two models count the same serial for different content.
 */
class GatewaySessionFailoverTest {

    private static final AccountId ACCOUNT = new AccountId("account-1");
    private static final GroupId MESH = new GroupId("mesh");

    private final byte[] masterSecret = new byte[MapSigningKeys.MASTER_SECRET_BYTES];
    private final X25519Keys gatewayKeys = X25519Keys.generate();
    private final Map<String, PeerIdentity> enrolled = new ConcurrentHashMap<>();
    private final Map<String, X25519Keys> peerKeys = new ConcurrentHashMap<>();
    private final RecordingListener listener = new RecordingListener();
    private final RecentProblems problems = new RecentProblems(Clock.systemUTC());
    private final Vertx daemonVertx = Vertx.vertx();
    private MapSigningKeys signingKeys;
    private Process first;
    private Process second;
    private GatewaySession session;

    /** One server process: its own event loops, model and gateway, the shared keys. */
    private final class Process {

        final Vertx vertx = Vertx.vertx();
        final NetworkMaps maps = new NetworkMaps();
        final SignedMaps signedMaps = new SignedMaps(maps, signingKeys);
        SignalGateway gateway;
        int port;
        boolean killed;

        Process() {
            maps.createAccount(ACCOUNT, Ipv4Network.DEFAULT, "netloom.internal");
            maps.change(ACCOUNT, network -> network.addGroup(new GroupId("all"), true));
            maps.change(ACCOUNT, network -> network.addGroup(MESH, false));
            maps.change(ACCOUNT, network -> network.putPolicy(new PolicyId("mesh"), new PolicySpec(true, List.of(
                    new PolicyRule(new PolicyRuleId("mesh"), "mesh", "", true, true, Protocol.ALL, List.of(),
                            Set.of(MESH), Set.of(MESH))))));
        }

        Process start() throws Exception {
            PeerDirectory directory = publicKey -> enrolled.containsKey(publicKey)
                    ? PeerDirectory.Admission.admitted(enrolled.get(publicKey))
                    : PeerDirectory.Admission.refused("no peer is enrolled with this key");
            gateway = new SignalGateway(vertx, GatewayConfig.defaults("127.0.0.1", 0), gatewayKeys, maps, signedMaps,
                    directory, new PresenceRecorder() {
                        @Override
                        public void connected(PeerIdentity peer, String sessionId, String remoteAddress,
                                String daemonVersion, io.netloom.domain.peer.ExtraDnsLabels extraDnsLabels) {
                        }

                        @Override
                        public void disconnected(PeerIdentity peer, String sessionId) {
                        }
                    });
            port = gateway.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            return this;
        }

        URI url() {
            return URI.create("ws://127.0.0.1:" + port + Wire.PEER_PATH);
        }

        void enroll(String name, String address) {
            X25519Keys keys = peerKeys.computeIfAbsent(name, ignored -> X25519Keys.generate());
            PeerId id = new PeerId(name);
            maps.change(ACCOUNT, network -> network.addPeer(new PeerNode(id, keys.publicKeyBase64(), address, name,
                    null, true, false)));
            maps.change(ACCOUNT, network -> network.addToGroup(MESH, Set.of(id)));
            enrolled.put(keys.publicKeyBase64(), new PeerIdentity(ACCOUNT, id, keys.publicKeyBase64()));
        }

        /** A kill: the process's connections go down with its event loops, without a goodbye from the gateway. */
        void kill() throws Exception {
            killed = true;
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }

        void stop() throws Exception {
            signedMaps.close();
            if (killed) {
                return;
            }
            gateway.close();
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }

        NetworkMap mapOf(String name) {
            try {
                return DaemonJson.MAPPER.readValue(Wire.JSON.writeValueAsString(
                        maps.mapOf(ACCOUNT, new PeerId(name)).orElseThrow()), NetworkMap.class);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }

    @BeforeEach
    void startTwoProcesses() throws Exception {
        new SecureRandom().nextBytes(masterSecret);
        signingKeys = new MapSigningKeys(masterSecret);
        first = new Process();
        second = new Process();
        for (Process process : List.of(first, second)) {
            process.enroll("a", "100.64.0.1");
            process.enroll("b", "100.64.0.2");
        }
        // The two processes took their last events in different orders: the same serial, different content.
        first.enroll("c", "100.64.0.3");
        second.enroll("d", "100.64.0.4");
        first.start();
        second.start();
    }

    @AfterEach
    void stopEverything() throws Exception {
        if (session != null) {
            session.stop();
        }
        first.stop();
        second.stop();
        daemonVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void startWhenFirstProcessKilledThenSecondSignedInAndItsMapHeldThoughSerialsAreEqual() throws Exception {
        session = daemonSession("a", List.of(first.url(), second.url()));
        session.start();
        await(() -> first.mapOf("a").equals(listener.newest()), "the first process's map of a applied");
        assertThat(second.mapOf("a").serial()).isEqualTo(first.mapOf("a").serial());

        first.kill();

        await(() -> second.mapOf("a").equals(listener.newest()), "the second process's map of a applied");
        assertThat(peerIds(listener.newest())).containsExactlyInAnyOrder("b", "d");
        await(() -> session.status().url().equals(second.url().toString())
                && session.status().state().equals("connected"), "the session on the second process");
    }

    @Test
    void startWhenFirstProcessKilledAndSecondCountsALowerSerialThenSecondsMapStillAccepted() throws Exception {
        first.enroll("e", "100.64.0.5");
        session = daemonSession("a", List.of(first.url(), second.url()));
        session.start();
        await(() -> first.mapOf("a").equals(listener.newest()), "the first process's map of a applied");
        assertThat(second.mapOf("a").serial()).isLessThan(first.mapOf("a").serial());

        first.kill();

        await(() -> second.mapOf("a").equals(listener.newest()), "the second process's map of a applied");
        assertThat(problems.newestFirst()).noneMatch(problem -> problem.contains("replayed"));
    }

    @Test
    void startWhenFirstUrlRefusesConnectionsThenSecondUsed() throws Exception {
        first.kill();

        session = daemonSession("a", List.of(first.url(), second.url()));
        session.start();

        await(() -> second.mapOf("a").equals(listener.newest()), "the second process's map of a applied");
        assertThat(session.status().url()).isEqualTo(second.url().toString());
    }

    private GatewaySession daemonSession(String name, List<URI> urls) {
        MapTrust trust = new MapTrust(SignedMapEnvelope.decodePublicKey(signingKeys.publicKeyBase64(ACCOUNT)),
                new SignedMapEnvelope.Recipient(ACCOUNT.value(), name), OverlayBounds.of(Ipv4Network.DEFAULT.cidr()));
        return new GatewaySession(daemonVertx, urls, ServerTrust.certificateAuthorities(), peerKeys.get(name),
                gatewayKeys.publicKey(), name, null, listener, problems, Clock.systemUTC(),
                new VerifiedMaps(trust, MapFloors.none(), floors -> { }), grant -> { });
    }
}
