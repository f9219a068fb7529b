package io.netloom.daemon.state;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.netloom.daemon.sync.MapFloors;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The highest map serials this device accepted, per map model (ADR 0057), kept across restarts so that a map from
 * before them, replayed to a freshly started daemon, is refused too. Kept per peer id: a device enrolled anew (as
 * another peer) starts from nothing. A file written before models holds one {@code serial}: the floor of maps that
 * name no model.
 */
public final class MapSerialFile {

    private final Path file;
    private final String peerId;

    public MapSerialFile(Path file, String peerId) {
        this.file = file;
        this.peerId = peerId;
    }

    /** The floors kept for this peer; none when nothing is kept for it. */
    public MapFloors read() throws IOException {
        return StateFiles.read(file, Kept.class)
                .filter(kept -> peerId.equals(kept.peerId()))
                .map(MapSerialFile::floorsOf)
                .orElseGet(MapFloors::none);
    }

    public void write(MapFloors floors) throws IOException {
        StateFiles.write(file, new Kept(peerId, null, floors.asMap()));
    }

    private static MapFloors floorsOf(Kept kept) {
        if (kept.floors() != null) {
            return MapFloors.of(kept.floors());
        }
        MapFloors floors = MapFloors.none();
        if (kept.serial() != null && kept.serial() >= 0) {
            floors.accepted(MapFloors.NO_MODEL, kept.serial());
        }
        return floors;
    }

    /** {@code serial}: as a daemon before models wrote it; {@code floors}: model to serial, oldest model first. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Kept(@JsonProperty("peer_id") String peerId, @JsonProperty("serial") Long serial,
            @JsonProperty("floors") Map<String, Long> floors) {
    }
}
