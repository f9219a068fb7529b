package io.netloom.daemon.relay;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Keeps what an allocation reports, for the tests to wait on. */
final class RecordingListener implements RelayListener {

    record Datagram(InetSocketAddress peer, byte[] data) {
    }

    private final BlockingQueue<Datagram> datagrams = new LinkedBlockingQueue<>();
    private final CompletableFuture<TurnException> failure = new CompletableFuture<>();

    @Override
    public void onDatagram(InetSocketAddress peer, ByteBuffer data) {
        byte[] copy = new byte[data.remaining()];
        data.get(copy);
        datagrams.add(new Datagram(peer, copy));
    }

    @Override
    public void onFailed(TurnException cause) {
        if (!failure.complete(cause)) {
            throw new AssertionError("onFailed called twice", cause);
        }
    }

    /** The next datagram, or null if none arrives within {@code within}. */
    Datagram next(Duration within) throws InterruptedException {
        return datagrams.poll(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    CompletableFuture<TurnException> failure() {
        return failure;
    }
}
