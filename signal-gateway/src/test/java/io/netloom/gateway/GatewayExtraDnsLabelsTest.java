package io.netloom.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.domain.ids.PeerId;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Extra DNS labels asked for at sign-in (docs/protocol.md §1, ADR 0046): checked before any session exists, refused
 * with a readable reason where the setup key did not allow them, handed to presence where it did.
 */
class GatewayExtraDnsLabelsTest extends GatewayTestBase {

    @Test
    void signInWhenLabelsAllowedThenAdmittedAndHandedOnNormalised() {
        fixture.peer("a", true);
        fixture.allowingExtraDnsLabels.add(new PeerId("a"));
        fixture.start(TestConfigs.defaults());
        TestClient client = fixture.client("a").open();

        client.send(client.signInFor(client.challenge(), List.of("Web", "db.")));

        assertThat(client.next().get("type").asText()).isEqualTo("welcome");
        assertThat(fixture.presence).containsExactly("connected a from 127.0.0.1 test-1.0 asking for [db, web]");
    }

    @Test
    void signInWhenLabelsNotAllowedThenClosedWithNetbirdsReasonAndNoSession() {
        fixture.peer("a", true);
        fixture.start(TestConfigs.defaults());
        TestClient client = fixture.client("a").open();

        client.send(client.signInFor(client.challenge(), List.of("db")));

        assertThat(client.awaitClose()).isEqualTo(CloseCodes.PRECONDITION_FAILED);
        assertThat(client.socket.closeReason()).isEqualTo("setup key doesn't allow extra DNS labels");
        assertThat(fixture.presence).isEmpty();
    }

    @Test
    void signInWhenNoLabelsOrNoneStatedThenAdmittedWhetherAllowedOrNot() {
        fixture.peer("a", true);
        fixture.peer("b", true);
        fixture.start(TestConfigs.defaults());
        TestClient a = fixture.client("a").open();
        TestClient b = fixture.client("b").open();

        a.send(a.signInFor(a.challenge(), List.of()));
        b.send(b.signInFor(b.challenge()));

        assertThat(a.next().get("type").asText()).isEqualTo("welcome");
        assertThat(b.next().get("type").asText()).isEqualTo("welcome");
        assertThat(fixture.presence).containsExactlyInAnyOrder("connected a from 127.0.0.1 test-1.0 asking for []",
                "connected b from 127.0.0.1 test-1.0");
    }

    @Test
    void signInWhenLabelMalformedOrTooManyThenClosedNamingTheProblem() {
        fixture.peer("a", true);
        fixture.allowingExtraDnsLabels.add(new PeerId("a"));
        fixture.start(TestConfigs.defaults());
        TestClient wildcard = fixture.client("a").open();
        wildcard.send(wildcard.signInFor(wildcard.challenge(), List.of("*.stage")));
        TestClient tooMany = fixture.client("a").open();
        tooMany.send(tooMany.signInFor(tooMany.challenge(),
                IntStream.range(0, 33).mapToObj(i -> "n" + i).toList()));

        assertThat(wildcard.awaitClose()).isEqualTo(CloseCodes.PROTOCOL_VIOLATION);
        assertThat(wildcard.socket.closeReason()).startsWith("extra DNS label \"*.stage\" is not a valid DNS name");
        assertThat(tooMany.awaitClose()).isEqualTo(CloseCodes.PROTOCOL_VIOLATION);
        assertThat(tooMany.socket.closeReason())
                .isEqualTo("malformed sign-in: extra_dns_labels must be an array of at most 32 names");
        assertThat(fixture.presence).isEmpty();
    }
}
