package io.netloom.daemon.sync;

import static io.netloom.gateway.protocol.PeerSignalChannel.HANDSHAKE;
import static io.netloom.gateway.protocol.PeerSignalChannel.HANDSHAKE_REPLY;
import static io.netloom.gateway.protocol.PeerSignalChannel.OFFER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.netloom.daemon.map.RemotePeer;
import io.netloom.daemon.map.TestMaps;
import io.netloom.daemon.status.RecentProblems;
import io.netloom.gateway.protocol.PeerSignalChannel;
import io.netloom.gateway.protocol.SealedSignal;
import io.netloom.gateway.protocol.Wire;
import io.netloom.gateway.protocol.X25519Keys;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The daemon's gateway session, signed in over TLS with a channel-bound proof and holding a map its account's key
 * signed, against a gateway that replays what it relays: a signal is acted on once, whatever the gateway does with
 * it afterwards. The remote peer is played by its own {@link PeerSignalChannel}.
 */
class GatewaySessionSignalingTest {

    private static final String OWN_ID = TestMapSigner.SELF.peerId();
    private static final String REMOTE_ID = "peer-b";
    private static final byte[] OFFER_PAYLOAD = "{\"v\":2,\"session\":\"offer-0001\"}".getBytes(StandardCharsets.UTF_8);

    private final X25519Keys ownKeys = X25519Keys.generate();
    private final X25519Keys remoteKeys = X25519Keys.generate();
    private final RecentProblems problems = new RecentProblems(Clock.systemUTC());
    private final RecordingListener listener = new RecordingListener();
    private final TestMapSigner accountKey = new TestMapSigner();
    private final PeerSignalChannel remote = new PeerSignalChannel(REMOTE_ID, remoteKeys, OWN_ID, ownKeys.publicKey(),
            new AtomicLong(System.currentTimeMillis() * 1000)::incrementAndGet);
    private Vertx vertx;
    private HostileGateway gateway;
    private GatewaySession session;

    @BeforeEach
    void connect() throws Exception {
        vertx = Vertx.vertx();
        RemotePeer remotePeer = new RemotePeer(REMOTE_ID, remoteKeys.publicKeyBase64(), "100.64.0.2/32",
                "b.netloom.internal", true);
        // The gateway is hostile, the map genuine: signed by the account's key, as the server signs it.
        gateway = new HostileGateway(vertx, accountKey.map(TestMaps.map(1, List.of(remotePeer), List.of())));
        session = new GatewaySession(vertx, List.of(gateway.url()), gateway.trust(), ownKeys, gateway.keys.publicKey(), OWN_ID,
                null, listener, problems, Clock.systemUTC(), new VerifiedMaps(accountKey.trust(), MapFloors.none(), floors -> { }),
                grant -> { });
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
    void signalWhenGatewayReplaysTheOfferAndTheHandshakeThenActedOnOnceAndTheReplaysShownAsRefused() throws Exception {
        String handshake = fromRemote(single(remote.send(OFFER, OFFER_PAYLOAD)));
        gateway.deliver(handshake);
        String offer = fromRemote(single(remote.receive(toRemote(gateway.nextSignal(), HANDSHAKE_REPLY)).replies()));
        gateway.deliver(offer);
        assertThat(listener.nextSignal()).isEqualTo(REMOTE_ID + " offer " + new String(OFFER_PAYLOAD, StandardCharsets.UTF_8));

        gateway.deliver(offer);
        gateway.deliver(handshake);
        // A new handshake, answered in order after anything the replays could have caused.
        gateway.deliver(fromRemote(single(remote.send(OFFER, OFFER_PAYLOAD))));
        JsonNode next = gateway.nextSignal();

        assertThat(next.get("kind").asText()).isEqualTo(HANDSHAKE_REPLY);
        assertThat(single(remote.receive(toRemote(next, HANDSHAKE_REPLY)).replies()).kind()).as("it answers the new one")
                .isEqualTo(OFFER);
        assertThat(listener.signals).as("the replayed offer was not delivered again").isEmpty();
        assertThat(problems.newestFirst()).filteredOn(problem -> problem.contains("replayed or out of order"))
                .hasSize(2).anyMatch(problem -> problem.contains("'offer'"))
                .anyMatch(problem -> problem.contains("'handshake'"));
    }

    @Test
    void sendSignalWhenOfferThenAHandshakeGoesFirstAndTheOfferFollowsItsReplySealedForTheRemoteOnly() throws Exception {
        assertThat(session.sendSignal(REMOTE_ID, OFFER, OFFER_PAYLOAD)).isTrue();

        JsonNode handshake = gateway.nextSignal();
        assertThat(handshake.get("kind").asText()).isEqualTo(HANDSHAKE);
        assertThat(handshake.get("to").asText()).isEqualTo(REMOTE_ID);
        SealedSignal reply = single(remote.receive(toRemote(handshake, HANDSHAKE)).replies());
        gateway.deliver(fromRemote(reply));
        JsonNode offer = gateway.nextSignal();

        assertThat(offer.get("kind").asText()).isEqualTo(OFFER);
        assertThat(offer.toString()).doesNotContain("offer-0001");
        assertThat(remote.receive(toRemote(offer, OFFER)).payload()).isEqualTo(OFFER_PAYLOAD);
        assertThat(session.sendSignal(REMOTE_ID, "answer", OFFER_PAYLOAD)).as("the handshake's keys carry the rest")
                .isTrue();
        assertThat(gateway.nextSignal().get("kind").asText()).isEqualTo("answer");
    }

    private static String fromRemote(SealedSignal signal) {
        return Wire.signalFrom(REMOTE_ID, signal.kind(), signal.seq(), signal.nonce(), signal.ciphertext());
    }

    private static SealedSignal toRemote(JsonNode message, String expectedKind) {
        assertThat(message.get("kind").asText()).isEqualTo(expectedKind);
        return new SealedSignal(message.get("kind").asText(), message.get("seq").asLong(), message.get("nonce").asText(),
                message.get("ciphertext").asText());
    }

    private static SealedSignal single(List<SealedSignal> signals) {
        assertThat(signals).hasSize(1);
        return signals.get(0);
    }
}
