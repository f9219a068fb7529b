package io.netloom.daemon.state;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.netloom.enrollment.PeerConfiguration;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The newest TURN credentials the gateway sent this device (mode 0600, like the enrollment that holds the first
 * ones), so that a daemon restarted while the gateway is unreachable still relays with them. Kept per peer id: a
 * device enrolled anew starts from its enrollment's.
 */
public final class TurnCredentialsFile {

    private final Path file;
    private final String peerId;

    public TurnCredentialsFile(Path file, String peerId) {
        this.file = file;
        this.peerId = peerId;
    }

    /** The credentials kept for this peer, if any. */
    public Optional<Kept> read() throws IOException {
        return StateFiles.read(file, Kept.class).filter(kept -> peerId.equals(kept.peerId()) && !kept.servers().isEmpty());
    }

    public void write(List<PeerConfiguration.TurnServer> servers, Duration validFor) throws IOException {
        StateFiles.write(file, new Kept(peerId, validFor.toSeconds(), servers));
    }

    /** @param validForSeconds how long they were valid when the gateway sent them */
    public record Kept(
            @JsonProperty("peer_id") String peerId,
            @JsonProperty("valid_for_seconds") long validForSeconds,
            @JsonProperty("turn") List<PeerConfiguration.TurnServer> servers) {

        public Kept {
            servers = servers == null ? List.of() : List.copyOf(servers);
        }
    }
}
