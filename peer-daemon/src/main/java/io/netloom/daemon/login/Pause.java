package io.netloom.daemon.login;

import java.time.Duration;

/** Waits between the polls of a device sign-in; tests wait differently to provoke {@code slow_down}. */
@FunctionalInterface
public interface Pause {

    Pause SLEEP = duration -> Thread.sleep(duration.toMillis());

    void pause(Duration duration) throws InterruptedException;
}
