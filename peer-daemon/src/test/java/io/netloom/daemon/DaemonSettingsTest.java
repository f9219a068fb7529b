package io.netloom.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netloom.daemon.state.StateFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
                "/etc/netloom/relay-ca.pem", List.of());

        StateFiles.write(file, written);

        assertThat(Files.readString(file)).contains("\"relay_ca_file\"");
        assertThat(StateFiles.read(file, DaemonSettings.class)).contains(written);
    }

    @Test
    void constructWhenRelayCaFileNameBlankThenRefused() {
        assertThatThrownBy(() -> new DaemonSettings("wt0", 51820, DaemonSettings.DataPathChoice.NFTABLES, " ",
                List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("relay CA");
    }

    @Test
    void writeWhenExtraDnsLabelsThenNormalisedAndReadBackTheSame() throws Exception {
        Path file = directory.resolve("settings.json");
        DaemonSettings written = new DaemonSettings("wt0", 51820, DaemonSettings.DataPathChoice.NFTABLES, null,
                List.of("Web", "db.", "web"));

        StateFiles.write(file, written);

        assertThat(written.extraDnsLabels()).containsExactly("db", "web");
        assertThat(Files.readString(file)).contains("\"extra_dns_labels\" : [ \"db\", \"web\" ]");
        assertThat(StateFiles.read(file, DaemonSettings.class)).contains(written);
    }

    @Test
    void readWhenFileFromBeforeExtraDnsLabelsThenNone() throws Exception {
        Path file = directory.resolve("settings.json");
        Files.writeString(file, "{\"interface_name\":\"wt0\",\"wireguard_port\":51820}");

        assertThat(StateFiles.read(file, DaemonSettings.class).orElseThrow().extraDnsLabels()).isEmpty();
    }

    @Test
    void constructWhenExtraDnsLabelMalformedOrTooManyThenRefusedNamingIt() {
        assertThatThrownBy(() -> new DaemonSettings("wt0", 51820, DaemonSettings.DataPathChoice.NFTABLES, null,
                List.of("ok", "*.stage"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("extra DNS label \"*.stage\" is not a valid DNS name");
        List<String> tooMany = java.util.stream.IntStream.range(0, 33).mapToObj(i -> "n" + i).toList();
        assertThatThrownBy(() -> new DaemonSettings("wt0", 51820, DaemonSettings.DataPathChoice.NFTABLES, null,
                tooMany)).hasMessage("at most 32 extra DNS labels are allowed, not 33");
    }
}
