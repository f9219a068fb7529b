package io.netloom.daemon.sync;

import io.netloom.daemon.map.NetworkMap;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** What a gateway session hands the daemon's engine, recorded: every map applied, every signal delivered. */
final class RecordingListener implements MapListener {

    private static final long PATIENCE_SECONDS = 20;

    final List<NetworkMap> applied = new CopyOnWriteArrayList<>();
    final LinkedBlockingQueue<String> signals = new LinkedBlockingQueue<>();

    @Override
    public void mapChanged(NetworkMap next) {
        applied.add(next);
    }

    @Override
    public void signalReceived(String fromPeerId, String kind, byte[] payload) {
        signals.add(fromPeerId + " " + kind + " " + new String(payload, StandardCharsets.UTF_8));
    }

    NetworkMap newest() {
        return applied.isEmpty() ? null : applied.get(applied.size() - 1);
    }

    /** The first map applied, once there is one. */
    NetworkMap firstMap() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
        while (applied.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no map applied within " + PATIENCE_SECONDS + " s");
            }
            Thread.sleep(20);
        }
        return applied.get(0);
    }

    /** The next signal delivered to the engine, as "sender kind payload". */
    String nextSignal() throws InterruptedException {
        String signal = signals.poll(PATIENCE_SECONDS, TimeUnit.SECONDS);
        if (signal == null) {
            throw new AssertionError("no signal delivered to the engine within " + PATIENCE_SECONDS + " s");
        }
        return signal;
    }
}
