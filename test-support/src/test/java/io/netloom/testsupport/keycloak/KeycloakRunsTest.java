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

    /**
     * Two test JVMs start Keycloaks at the same time under {@code mvn -T 2}, and start-dev rebuilds into
     * lib/quarkus: each home has that directory of its own, and shares only what is read.
     */
    @Test
    void newHomeWhenTwoAreMadeThenEachRebuildsInItsOwnLibQuarkusAndTheRestIsTheDistributions() throws Exception {
        KeycloakDistribution distribution = fakeDistribution(root.resolve("keycloak"));
        KeycloakRuns runs = new KeycloakRuns(root.resolve("keycloak-runs"));

        Path first = runs.newHome(distribution, 8001);
        Path second = runs.newHome(distribution, 8002);
        Files.writeString(first.resolve("lib/quarkus/build-of-the-first"), "rebuilt");

        for (Path home : List.of(first, second)) {
            assertThat(home.resolve("lib/quarkus")).isDirectory();
            assertThat(Files.isSymbolicLink(home.resolve("lib/quarkus"))).as("lib/quarkus linked").isFalse();
            assertThat(home.resolve("lib/quarkus/generated-bytecode.jar")).hasContent("production build");
            assertThat(Files.readSymbolicLink(home.resolve("lib/lib"))).isEqualTo(distribution.home().resolve("lib/lib"));
        }
        assertThat(second.resolve("lib/quarkus/build-of-the-first")).doesNotExist();
        assertThat(distribution.home().resolve("lib/quarkus/build-of-the-first")).doesNotExist();
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

    /** The files of a Keycloak distribution that a home is made of, with stand-in contents. */
    private static KeycloakDistribution fakeDistribution(Path home) throws Exception {
        for (String directory : List.of("bin", "conf", "lib/quarkus", "lib/lib/main", "lib/app", "themes",
                "providers")) {
            Files.createDirectories(home.resolve(directory));
        }
        Files.writeString(home.resolve("bin/kc.sh"), "#!/bin/sh\n");
        Files.writeString(home.resolve("conf/keycloak.conf"), "# defaults\n");
        Files.writeString(home.resolve("lib/quarkus-run.jar"), "launcher");
        Files.writeString(home.resolve("lib/quarkus/generated-bytecode.jar"), "production build");
        Files.writeString(home.resolve("version.txt"), "Keycloak - Version 26.7.3\n");
        return new KeycloakDistribution("26.7.3", home, Path.of(System.getProperty("java.home")));
    }
}
