package io.netloom.testsupport.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * The watchdog that keeps a Keycloak from outliving its tests, tried on {@code sleep} instead of Keycloak: what it
 * guards ends when the process it watches ends, however that one died, and when its group is stopped.
 */
class WatchdogTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Test
    void guardedWhenTheWatchedProcessIsKilledThenTheGuardedCommandStopsToo() throws Exception {
        Process watched = new ProcessBuilder("sleep", "120").start();
        Process watchdog = KeycloakServer.guarded(watched.pid(), List.of("sleep", "300")).start();
        ProcessHandle guarded = awaitChild(watchdog);

        watched.destroyForcibly().waitFor();

        assertThat(eventually(() -> !guarded.isAlive() && !watchdog.isAlive()))
                .as("the guarded command and the watchdog ended after the watched process died").isTrue();
    }

    @Test
    void stopGroupWhenRunningThenTheWatchdogAndEverythingItStartedEnd() throws Exception {
        Process watchdog = KeycloakServer.guarded(ProcessHandle.current().pid(), List.of("sleep", "300")).start();
        ProcessHandle guarded = awaitChild(watchdog);

        KeycloakServer.stopGroup(watchdog.pid());

        assertThat(eventually(() -> !guarded.isAlive() && !watchdog.isAlive())).isTrue();
    }

    static ProcessHandle awaitChild(Process watchdog) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<ProcessHandle> child = watchdog.children().findFirst();
            if (child.isPresent()) {
                return child.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the watchdog started nothing");
    }

    /** Polls a condition that comes true within a bounded time (the watchdog checks once a second). */
    static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(100);
        }
        return condition.getAsBoolean();
    }
}
