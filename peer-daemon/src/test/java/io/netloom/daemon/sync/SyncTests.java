package io.netloom.daemon.sync;

import io.netloom.daemon.map.NetworkMap;
import io.netloom.daemon.map.RemotePeer;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/** What the gateway-session tests wait for and read off the maps a daemon applied. */
final class SyncTests {

    /** Generous: the test machine is small and shared. */
    static final Duration PATIENCE = Duration.ofSeconds(10);

    private SyncTests() {
    }

    static List<String> peerIds(NetworkMap map) {
        return map.remotePeers().stream().map(RemotePeer::id).toList();
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + PATIENCE + ": " + what);
            }
            Thread.sleep(20);
        }
    }
}
