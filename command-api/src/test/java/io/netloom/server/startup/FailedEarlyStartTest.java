package io.netloom.server.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netloom.server.testing.StandaloneServers;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A start that fails before any bean takes the database the early start began (ADR 0064) stops that database:
 * no PostgreSQL outlives the failed start, and its data directory can be removed at once.
 */
class FailedEarlyStartTest {

    @TempDir
    Path dataDir;

    @Test
    void startWhenASettingIsRefusedBeforeTheDatabaseBeanThenTheEarlyDatabaseIsStopped() {
        assertThatThrownBy(() -> StandaloneServers.start(dataDir, "netloom.tls.certificate=" + dataDir.resolve("none.crt"),
                "netloom.tls.private-key=" + dataDir.resolve("none.key")))
                .rootCause().hasMessageContaining("none.crt");

        // Started to the end before the failure returned (else this start would still be going on), then stopped.
        assertThat(dataDir.resolve("postgres/PG_VERSION")).as("the database the early start made").exists();
        assertThat(dataDir.resolve("postgres/postmaster.pid")).as("a postmaster still running").doesNotExist();
    }
}
