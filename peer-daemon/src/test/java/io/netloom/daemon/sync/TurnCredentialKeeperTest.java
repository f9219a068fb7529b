package io.netloom.daemon.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.daemon.state.TurnCredentialsFile;
import io.netloom.daemon.status.RecentProblems;
import io.netloom.enrollment.PeerConfiguration;
import io.netloom.gateway.protocol.TurnCredentialsMessage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TurnCredentialKeeperTest {

    private static final String URI = "turn:203.0.113.1:3478?transport=udp";
    private static final Instant ENROLLED_EXPIRY = Instant.parse("2026-12-04T10:00:00Z");

    @TempDir
    Path state;
    private TurnCredentialsFile file;
    private final RecentProblems problems = new RecentProblems(Clock.systemUTC());
    private final List<TurnCredentialKeeper.Held> used = new CopyOnWriteArrayList<>();
    private TurnCredentialKeeper keeper;

    @BeforeEach
    void enroll() {
        file = new TurnCredentialsFile(state.resolve("turn-credentials.json"), "peer-1");
        keeper = new TurnCredentialKeeper(List.of(server(URI, ENROLLED_EXPIRY, "enrolled")), Optional.empty(), file,
                problems);
        keeper.useWith(used::add);
    }

    @Test
    void receiveWhenNewerForTheEnrolledServerThenSavedAndUsed() throws Exception {
        TurnCredentialsMessage.Grant grant = grant(URI, ENROLLED_EXPIRY.plusSeconds(60), "renewed");

        keeper.receive(grant);

        assertThat(keeper.current().servers()).isEqualTo(grant.servers());
        assertThat(keeper.current().lifetime()).isEqualTo(Duration.ofSeconds(30));
        assertThat(used).containsExactly(keeper.current());
        assertThat(file.read().orElseThrow().servers()).isEqualTo(grant.servers());
        assertThat(problems.newestFirst()).isEmpty();
    }

    @Test
    void receiveWhenServerNotEnrolledThenRefusedAndNothingChanges() throws Exception {
        keeper.receive(grant("turn:198.51.100.66:3478", ENROLLED_EXPIRY.plusSeconds(60), "steered"));

        assertThat(keeper.current().servers().get(0).password()).isEqualTo("enrolled");
        assertThat(used).isEmpty();
        assertThat(file.read()).isEmpty();
        assertThat(problems.newestFirst()).singleElement().asString()
                .contains("ignored TURN credentials for [turn:198.51.100.66:3478]").doesNotContain("steered");
    }

    @Test
    void receiveWhenIssuedNoLaterThanHeldThenRefusedAsAReplay() {
        keeper.receive(grant(URI, ENROLLED_EXPIRY.plusSeconds(60), "renewed"));

        keeper.receive(grant(URI, ENROLLED_EXPIRY.plusSeconds(60), "replayed"));
        keeper.receive(grant(URI, ENROLLED_EXPIRY, "older"));

        assertThat(keeper.current().servers().get(0).password()).isEqualTo("renewed");
        assertThat(used).hasSize(1);
        assertThat(problems.newestFirst()).hasSize(2).allSatisfy(problem -> assertThat(problem).contains("no later than"));
    }

    @Test
    void receiveWhenIssuedLaterWithAShorterLifetimeThenUsedThoughItExpiresSooner() {
        // Issued at ENROLLED_EXPIRY, valid for an hour; then issued 50 s later, valid for 10 s.
        keeper.receive(new TurnCredentialsMessage.Grant(List.of(server(URI, ENROLLED_EXPIRY.plusSeconds(3600), "long")),
                Duration.ofHours(1)));

        keeper.receive(new TurnCredentialsMessage.Grant(List.of(server(URI, ENROLLED_EXPIRY.plusSeconds(60), "short")),
                Duration.ofSeconds(10)));

        assertThat(keeper.current().servers().get(0).password()).isEqualTo("short");
        assertThat(problems.newestFirst()).isEmpty();
    }

    @Test
    void constructorWhenNewerCredentialsWereKeptThenStartsWithThem() throws Exception {
        keeper.receive(grant(URI, ENROLLED_EXPIRY.plusSeconds(60), "renewed"));

        TurnCredentialKeeper restarted = new TurnCredentialKeeper(List.of(server(URI, ENROLLED_EXPIRY, "enrolled")),
                file.read(), file, problems);

        assertThat(restarted.current().servers().get(0).password()).isEqualTo("renewed");
        assertThat(restarted.current().lifetime()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void constructorWhenKeptOnesNameAServerNotEnrolledThenEnrollments() {
        TurnCredentialsFile.Kept kept = new TurnCredentialsFile.Kept("peer-1", 30,
                List.of(server("turn:198.51.100.66:3478", ENROLLED_EXPIRY.plusSeconds(60), "elsewhere")));

        TurnCredentialKeeper restarted = new TurnCredentialKeeper(List.of(server(URI, ENROLLED_EXPIRY, "enrolled")),
                Optional.of(kept), file, problems);

        assertThat(restarted.current().servers().get(0).password()).isEqualTo("enrolled");
        assertThat(restarted.current().lifetime()).isNull();
    }

    private static TurnCredentialsMessage.Grant grant(String uri, Instant expiry, String password) {
        return new TurnCredentialsMessage.Grant(List.of(server(uri, expiry, password)), Duration.ofSeconds(30));
    }

    private static PeerConfiguration.TurnServer server(String uri, Instant expiry, String password) {
        return new PeerConfiguration.TurnServer(uri, expiry.getEpochSecond() + ":peer-1", password, expiry);
    }
}
