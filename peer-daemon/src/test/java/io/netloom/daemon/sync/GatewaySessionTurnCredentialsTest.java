package io.netloom.daemon.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.daemon.map.TestMaps;
import io.netloom.daemon.status.RecentProblems;
import io.netloom.enrollment.PeerConfiguration;
import io.netloom.gateway.protocol.TurnCredentialsMessage;
import io.netloom.gateway.protocol.X25519Keys;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** TURN credentials on the signed-in session: well-formed ones handed on, malformed ones ignored and shown. */
class GatewaySessionTurnCredentialsTest {

    private static final TurnCredentialsMessage.Grant GRANT = new TurnCredentialsMessage.Grant(List.of(
            new PeerConfiguration.TurnServer("turn:203.0.113.1:3478?transport=udp", "1796378400:peer-a", "secret-1",
                    Instant.parse("2026-12-04T10:00:00Z"))), Duration.ofSeconds(30));

    private final X25519Keys ownKeys = X25519Keys.generate();
    private final RecentProblems problems = new RecentProblems(Clock.systemUTC());
    private final RecordingListener listener = new RecordingListener();
    private final TestMapSigner accountKey = new TestMapSigner();
    private final LinkedBlockingQueue<TurnCredentialsMessage.Grant> received = new LinkedBlockingQueue<>();
    private Vertx vertx;
    private HostileGateway gateway;
    private GatewaySession session;

    @BeforeEach
    void connect() throws Exception {
        vertx = Vertx.vertx();
        gateway = new HostileGateway(vertx, accountKey.map(TestMaps.map(1, List.of(), List.of())));
        session = new GatewaySession(vertx, List.of(gateway.url()), gateway.trust(), ownKeys, gateway.keys.publicKey(),
                TestMapSigner.SELF.peerId(), null, listener, problems, Clock.systemUTC(),
                new VerifiedMaps(accountKey.trust(), MapFloors.none(), floors -> { }), received::add);
        session.start();
        listener.firstMap();
    }

    @AfterEach
    void disconnect() throws Exception {
        session.stop();
        gateway.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    @Test
    void turnCredentialsWhenWellFormedThenHandedOn() throws Exception {
        gateway.deliver(TurnCredentialsMessage.encode(GRANT));

        assertThat(received.poll(20, TimeUnit.SECONDS)).isEqualTo(GRANT);
    }

    @Test
    void turnCredentialsWhenMalformedThenIgnoredAndShownWithoutTheSecret() throws Exception {
        gateway.deliver(TurnCredentialsMessage.encode(GRANT).replace("\"valid_for_seconds\":30", "\"valid_for_seconds\":-1"));
        gateway.deliver(TurnCredentialsMessage.encode(GRANT));

        assertThat(received.poll(20, TimeUnit.SECONDS)).isEqualTo(GRANT);
        assertThat(received).isEmpty();
        assertThat(problems.newestFirst()).singleElement().asString()
                .contains("ignored a malformed 'turn_credentials' message from the gateway: valid_for_seconds")
                .doesNotContain("secret-1");
    }
}
