package io.netloom.daemon.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.daemon.map.TestMaps;
import io.netloom.daemon.status.RecentProblems;
import io.netloom.gateway.protocol.PathReport;
import io.netloom.gateway.protocol.PathReport.ConnectionType;
import io.netloom.gateway.protocol.PathReport.Path;
import io.netloom.gateway.protocol.X25519Keys;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Path reports on the signed-in session: sent on a change to a gateway that takes them, never to one that does not. */
class GatewaySessionPathReportsTest {

    private static final Path RELAYED = new Path("peer-b", ConnectionType.RELAYED, "relay", "srflx",
            "203.0.113.1:49152", PathReport.RelayTransport.TCP, null);
    private static final Path DIRECT = new Path("peer-b", ConnectionType.P2P, "srflx", "srflx", "203.0.113.7:51820",
            null, 3.0);

    private final X25519Keys ownKeys = X25519Keys.generate();
    private final RecordingListener listener = new RecordingListener();
    private final TestMapSigner accountKey = new TestMapSigner();
    private final AtomicReference<List<Path>> paths = new AtomicReference<>(List.of(RELAYED));
    private Vertx vertx;
    private HostileGateway gateway;
    private GatewaySession session;

    private PathReporter connect(Set<String> gatewayFeatures) throws Exception {
        vertx = Vertx.vertx();
        gateway = new HostileGateway(vertx, accountKey.map(TestMaps.map(1, List.of(), List.of())), gatewayFeatures);
        session = new GatewaySession(vertx, List.of(gateway.url()), gateway.trust(), ownKeys, gateway.keys.publicKey(),
                TestMapSigner.SELF.peerId(), null, listener, new RecentProblems(Clock.systemUTC()), Clock.systemUTC(),
                new VerifiedMaps(accountKey.trust(), MapFloors.none(), floors -> { }), grant -> { });
        session.start();
        listener.firstMap();
        return new PathReporter(paths::get, session.pathReports());
    }

    @AfterEach
    void disconnect() throws Exception {
        session.stop();
        gateway.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    @Test
    void tickWhenThePathChangesThenTheGatewayReceivesTheWholeNewSet() throws Exception {
        PathReporter reporter = connect(Set.of(PathReport.FEATURE));

        reporter.tick();
        assertThat(PathReport.decode(gateway.nextOfType(PathReport.TYPE))).containsExactly(RELAYED);
        paths.set(List.of(DIRECT));
        reporter.tick();

        assertThat(PathReport.decode(gateway.nextOfType(PathReport.TYPE))).containsExactly(DIRECT);
    }

    @Test
    void pathReportsWhenTheGatewayNamesNoSuchFeatureThenNothingIsEverSent() throws Exception {
        PathReporter reporter = connect(Set.of());

        reporter.tick();

        assertThat(session.pathReports().session()).isEqualTo(PathReporter.Sink.NONE);
    }
}
