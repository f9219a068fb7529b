package io.netloom.testsupport.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sweep of leftover runs, tried on {@code sleep} under the watchdog instead of Keycloak: it stops and deletes
 * the runs of test JVMs that are gone, and leaves those of live ones alone, since they run at the same time.
 */
class KeycloakRunsTest {

    @TempDir
    Path root;

    private final List<Process> watchdogs = new ArrayList<>();

    @AfterEach
    void stopWatchdogs() {
        watchdogs.forEach(watchdog -> KeycloakServer.stopGroup(watchdog.pid()));
    }

    @Test
    void sweepLeftoversWhenTheOwnerLivesThenItsRunIsLeftAlone() throws Exception {
        Process owner = new ProcessBuilder("sleep", "300").start();
        try {
            Run run = runOf(KeycloakRuns.Owner.of(owner.toHandle()));

            new KeycloakRuns(root).sweepLeftovers();

            assertThat(run.directory()).isDirectory();
            assertThat(run.guarded().isAlive()).isTrue();
        } finally {
            owner.destroyForcibly().waitFor();
        }
    }

    @Test
    void sweepLeftoversWhenTheOwnerIsGoneThenItsRunIsStoppedAndDeleted() throws Exception {
        Process owner = new ProcessBuilder("sleep", "300").start();
        KeycloakRuns.Owner gone = KeycloakRuns.Owner.of(owner.toHandle());
        owner.destroyForcibly().waitFor();
        Run run = runOf(gone);

        new KeycloakRuns(root).sweepLeftovers();

        assertThat(run.directory()).doesNotExist();
        assertThat(WatchdogTest.eventually(() -> !run.guarded().isAlive())).as("the gone owner's command stopped")
                .isTrue();
    }

    @Test
    void sweepLeftoversWhenALaterProcessHasTheOwnersPidThenItsRunIsStoppedAndDeleted() throws Exception {
        ProcessHandle current = ProcessHandle.current();
        KeycloakRuns.Owner earlier = new KeycloakRuns.Owner(current.pid(),
                current.info().startInstant().orElseThrow().minus(Duration.ofHours(1)));
        Run run = runOf(earlier);

        new KeycloakRuns(root).sweepLeftovers();

        assertThat(run.directory()).doesNotExist();
        assertThat(WatchdogTest.eventually(() -> !run.guarded().isAlive())).isTrue();
    }

    /**
     * A run of the given owner with a command under the watchdog, as a Keycloak's would be. The watchdog watches
     * this JVM, not the owner, so that only the sweep stops it.
     */
    private Run runOf(KeycloakRuns.Owner owner) throws Exception {
        Path directory = root.resolve(owner.directoryName());
        Path home = Files.createDirectories(directory.resolve("home-8080"));
        Process watchdog = KeycloakServer.guarded(ProcessHandle.current().pid(), List.of("sleep", "300")).start();
        watchdogs.add(watchdog);
        Files.writeString(home.resolve(KeycloakRuns.PID_FILE), watchdog.pid() + "\n");
        return new Run(directory, WatchdogTest.awaitChild(watchdog));
    }

    private record Run(Path directory, ProcessHandle guarded) {
    }
}
