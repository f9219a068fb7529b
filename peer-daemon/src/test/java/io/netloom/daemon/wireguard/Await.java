package io.netloom.daemon.wireguard;

import java.time.Duration;

/** Polls a condition until it holds; the deadline is generous because the test machine is small and shared. */
final class Await {

    static final Duration DEADLINE = Duration.ofSeconds(60);

    interface Condition {
        boolean holds() throws Exception;
    }

    private Await() {
    }

    static void until(String description, Condition condition) throws Exception {
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + DEADLINE.toSeconds() + " s: " + description);
            }
            Thread.sleep(200);
        }
    }
}
