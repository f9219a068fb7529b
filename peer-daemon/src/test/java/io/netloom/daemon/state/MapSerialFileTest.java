package io.netloom.daemon.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.daemon.sync.MapFloors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MapSerialFileTest {

    @TempDir
    Path state;

    @Test
    void readWhenWrittenBeforeThenSerialOfThatPeer() throws Exception {
        Path file = state.resolve("map-serial.json");
        new MapSerialFile(file, "peer-1").write(floors(Map.of("model-a", 42L)));

        assertThat(new MapSerialFile(file, "peer-1").read().asMap()).containsExactly(Map.entry("model-a", 42L));
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void readWhenNothingKeptOrKeptForAnotherPeerThenNone() throws Exception {
        Path file = state.resolve("map-serial.json");

        assertThat(new MapSerialFile(file, "peer-1").read().asMap()).isEmpty();
        new MapSerialFile(file, "peer-1").write(floors(Map.of("model-a", 42L)));
        assertThat(new MapSerialFile(file, "peer-2").read().asMap()).isEmpty();
    }

    @Test
    void readWhenWrittenByDaemonBeforeModelsThenItsSerialIsTheFloorOfMapsWithoutModel() throws Exception {
        Path file = state.resolve("map-serial.json");
        Files.writeString(file, "{\"peer_id\":\"peer-1\",\"serial\":42}");

        MapFloors floors = new MapSerialFile(file, "peer-1").read();

        assertThat(floors.floorOf(null)).isEqualTo(42);
        assertThat(floors.floorOf("model-a")).isEqualTo(-1);
    }

    @Test
    void readWhenManyModelsWrittenThenOrderKeptOldestFirst() throws Exception {
        Path file = state.resolve("map-serial.json");
        MapFloors written = MapFloors.none();
        written.accepted("model-b", 7);
        written.accepted("model-a", 42);
        new MapSerialFile(file, "peer-1").write(written);

        assertThat(new MapSerialFile(file, "peer-1").read().asMap()).containsExactly(Map.entry("model-b", 7L),
                Map.entry("model-a", 42L));
    }

    private static MapFloors floors(Map<String, Long> floors) {
        return MapFloors.of(floors);
    }
}
