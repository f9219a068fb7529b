package io.netloom.server.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.domain.ids.AccountId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MapSigningConfigurationTest {

    private static final AccountId ACCOUNT = new AccountId("account-1");

    @Test
    void loadOrCreateWhenStartedAgainThenSameAccountKeysFromAPrivateFile(@TempDir Path dataDir) throws Exception {
        Path file = dataDir.resolve("keys").resolve("map-signing-master.key");

        String first = MapSigningConfiguration.loadOrCreate(file).publicKeyBase64(ACCOUNT);
        String second = MapSigningConfiguration.loadOrCreate(file).publicKeyBase64(ACCOUNT);

        assertThat(second).isEqualTo(first);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(file)).doesNotContain(first);
    }

    @Test
    void loadOrCreateWhenAnotherDataDirectoryThenOtherKeys(@TempDir Path one, @TempDir Path other) throws Exception {
        assertThat(MapSigningConfiguration.loadOrCreate(one.resolve("key")).publicKeyBase64(ACCOUNT))
                .isNotEqualTo(MapSigningConfiguration.loadOrCreate(other.resolve("key")).publicKeyBase64(ACCOUNT));
    }
}
