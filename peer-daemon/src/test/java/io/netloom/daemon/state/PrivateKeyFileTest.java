package io.netloom.daemon.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netloom.gateway.protocol.X25519Keys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateKeyFileTest {

    @TempDir
    Path directory;

    @Test
    void loadOrCreateWhenNoFileThenKeyCreatedOwnerOnlyAndReusedAfterwards() throws Exception {
        Path file = directory.resolve("private.key");

        X25519Keys created = PrivateKeyFile.loadOrCreate(file);
        X25519Keys loaded = PrivateKeyFile.loadOrCreate(file);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(loaded.publicKeyBase64()).isEqualTo(created.publicKeyBase64());
    }

    @Test
    void loadWhenOthersMayReadTheFileThenRefusedWithTheFix() throws Exception {
        Path file = directory.resolve("private.key");
        PrivateKeyFile.loadOrCreate(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> PrivateKeyFile.load(file))
                .isInstanceOf(PrivateKeyFile.KeyFileException.class)
                .hasMessageContaining("rw-r--r--")
                .hasMessageContaining("chmod 600");
    }

    @Test
    void loadWhenContentIsNotAKeyThenRefusedWithoutEchoingIt() throws Exception {
        Path file = directory.resolve("private.key");
        Files.writeString(file, "c2hvcnQ=\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

        assertThatThrownBy(() -> PrivateKeyFile.load(file))
                .hasMessageContaining("does not hold a 32-byte WireGuard key")
                .hasMessageNotContaining("c2hvcnQ");
    }
}
