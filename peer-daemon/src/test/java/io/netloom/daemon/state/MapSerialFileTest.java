package io.netloom.daemon.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MapSerialFileTest {

    @TempDir
    Path state;

    @Test
    void readWhenWrittenBeforeThenSerialOfThatPeer() throws Exception {
        Path file = state.resolve("map-serial.json");
        new MapSerialFile(file, "peer-1").write(42);

        assertThat(new MapSerialFile(file, "peer-1").read()).isEqualTo(42);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void readWhenNothingKeptOrKeptForAnotherPeerThenNone() throws Exception {
        Path file = state.resolve("map-serial.json");

        assertThat(new MapSerialFile(file, "peer-1").read()).isEqualTo(-1);
        new MapSerialFile(file, "peer-1").write(42);
        assertThat(new MapSerialFile(file, "peer-2").read()).isEqualTo(-1);
    }
}
