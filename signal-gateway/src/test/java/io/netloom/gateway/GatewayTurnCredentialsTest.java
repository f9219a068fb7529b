package io.netloom.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.netloom.enrollment.PeerConfiguration;
import io.netloom.gateway.protocol.TurnCredentialsMessage;
import io.netloom.gateway.protocol.X25519Keys;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** TURN credentials travel only on signed-in sessions, right after the first sync and again before they expire. */
class GatewayTurnCredentialsTest extends GatewayTestBase {

    private final List<String> issuedFor = new CopyOnWriteArrayList<>();
    private final AtomicInteger issued = new AtomicInteger();

    /** Credentials valid for {@code validFor}, numbered so that each issue is told apart. */
    private TurnCredentialSource issuing(Duration validFor) {
        return (peer, now) -> {
            issuedFor.add(peer.peerId().value());
            int number = issued.incrementAndGet();
            return Optional.of(new TurnCredentialsMessage.Grant(List.of(new PeerConfiguration.TurnServer(
                    "turn:203.0.113.1:3478?transport=udp", now.plus(validFor).getEpochSecond() + ":" + peer.peerId().value(),
                    "password-" + number, now.plus(validFor))), validFor));
        };
    }

    @Test
    void turnCredentialsWhenSignedInThenSentAfterTheFirstMapAndAgainAtHalfTheirValidity() {
        fixture.peer("a", true);
        fixture.start(TestConfigs.defaults(), issuing(Duration.ofSeconds(2)));
        TestClient a = fixture.client("a").connect(-1);

        assertThat(a.next().path("type").asText()).isEqualTo("map");
        TurnCredentialsMessage.Grant first = TurnCredentialsMessage.decode(a.nextOfType("turn_credentials"));
        TurnCredentialsMessage.Grant second = TurnCredentialsMessage.decode(a.nextOfType("turn_credentials"));

        assertThat(first.servers().get(0).password()).isEqualTo("password-1");
        assertThat(second.servers().get(0).password()).isEqualTo("password-2");
        assertThat(second.validFor()).isEqualTo(Duration.ofSeconds(2));
        assertThat(issuedFor).containsOnly("a");
    }

    @Test
    void turnCredentialsWhenSignInRefusedThenNoneIssued() {
        fixture.peer("a", true);
        fixture.start(TestConfigs.defaults(), issuing(Duration.ofHours(24)));

        short code = fixture.clientWithKeys(X25519Keys.generate()).refusedSignIn();

        assertThat(code).isEqualTo(CloseCodes.PEER_REVOKED);
        assertThat(issuedFor).isEmpty();
    }

    @Test
    void turnCredentialsWhenSourceHasNoneThenSessionCarriesOnlyMaps() {
        fixture.peer("a", true);
        fixture.peer("b", true);
        fixture.start(TestConfigs.defaults());
        TestClient a = fixture.connected("a");

        fixture.peer("c", true);

        JsonNode next = a.next();
        assertThat(next.path("type").asText()).isEqualTo("delta");
    }
}
