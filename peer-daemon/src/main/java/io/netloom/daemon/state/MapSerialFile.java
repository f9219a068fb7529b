package io.netloom.daemon.state;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The highest map serial this device accepted, kept across restarts so that a map from before it,
 * replayed to a freshly started daemon, is refused too. Kept per peer id: a device enrolled anew (as
 * another peer) starts from nothing.
 */
public final class MapSerialFile {

    private final Path file;
    private final String peerId;

    public MapSerialFile(Path file, String peerId) {
        this.file = file;
        this.peerId = peerId;
    }

    /** The serial kept for this peer, or -1 when none is. */
    public long read() throws IOException {
        return StateFiles.read(file, Kept.class)
                .filter(kept -> peerId.equals(kept.peerId()))
                .map(Kept::serial)
                .orElse(-1L);
    }

    public void write(long serial) throws IOException {
        StateFiles.write(file, new Kept(peerId, serial));
    }

    record Kept(@JsonProperty("peer_id") String peerId, @JsonProperty("serial") long serial) {
    }
}
