package io.netloom.daemon.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.enrollment.PeerConfiguration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TurnCredentialsFileTest {

    private static final List<PeerConfiguration.TurnServer> SERVERS = List.of(new PeerConfiguration.TurnServer(
            "turn:203.0.113.1:3478?transport=udp", "1796378400:peer-1", "secret", Instant.parse("2026-12-04T10:00:00Z")));

    @TempDir
    Path state;

    @Test
    void readWhenWrittenBeforeThenTheSameCredentialsInAnOwnerOnlyFile() throws Exception {
        Path file = state.resolve("turn-credentials.json");
        new TurnCredentialsFile(file, "peer-1").write(SERVERS, Duration.ofHours(24));

        TurnCredentialsFile.Kept kept = new TurnCredentialsFile(file, "peer-1").read().orElseThrow();

        assertThat(kept.servers()).isEqualTo(SERVERS);
        assertThat(kept.validForSeconds()).isEqualTo(86_400);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void readWhenNothingKeptOrKeptForAnotherPeerThenNone() throws Exception {
        Path file = state.resolve("turn-credentials.json");

        assertThat(new TurnCredentialsFile(file, "peer-1").read()).isEmpty();
        new TurnCredentialsFile(file, "peer-1").write(SERVERS, Duration.ofHours(24));
        assertThat(new TurnCredentialsFile(file, "peer-2").read()).isEmpty();
    }
}
