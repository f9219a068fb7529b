package io.netloom.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netloom.daemon.state.StateFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonSettingsTest {

    @TempDir
    Path directory;

    @Test
    void readWhenFileWrittenBeforeRelayCaExistedThenNoRelayCa() throws Exception {
        Path file = directory.resolve("settings.json");
        Files.writeString(file, "{\"interface_name\":\"wt0\",\"wireguard_port\":51820,\"data_path\":\"proxy\"}");

        DaemonSettings settings = StateFiles.read(file, DaemonSettings.class).orElseThrow();

        assertThat(settings.relayCaFile()).isNull();
        assertThat(settings.dataPath()).isEqualTo(DaemonSettings.DataPathChoice.PROXY);
    }

    @Test
    void writeWhenRelayCaNamedThenReadBackTheSame() throws Exception {
        Path file = directory.resolve("settings.json");
        DaemonSettings written = new DaemonSettings("wt0", 51820, DaemonSettings.DataPathChoice.NFTABLES,
                "/etc/netloom/relay-ca.pem");

        StateFiles.write(file, written);

        assertThat(Files.readString(file)).contains("\"relay_ca_file\"");
        assertThat(StateFiles.read(file, DaemonSettings.class)).contains(written);
    }

    @Test
    void constructWhenRelayCaFileNameBlankThenRefused() {
        assertThatThrownBy(() -> new DaemonSettings("wt0", 51820, DaemonSettings.DataPathChoice.NFTABLES, " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("relay CA");
    }
}
