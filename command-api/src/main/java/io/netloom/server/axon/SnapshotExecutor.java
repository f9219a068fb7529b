package io.netloom.server.axon;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one thread that takes aggregate snapshots, so that the command that crosses the threshold does not wait for
 * the snapshot (re-reading the aggregate's events and writing it). One thread is enough: an aggregate is
 * snapshotted once per {@link AggregatesConfiguration#SNAPSHOT_THRESHOLD} of its events. When snapshots queue up
 * faster than it takes them, the committing thread takes its own instead of dropping it: Axon marks a snapshot in
 * progress until its task ran, and a dropped task would leave that aggregate without snapshots until restart.
 * Deliberately not an {@link Executor} bean, which would replace Spring Boot's application task executor.
 */
public final class SnapshotExecutor implements AutoCloseable {

    private static final int QUEUE_CAPACITY = 1024;

    private final ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(QUEUE_CAPACITY), SnapshotExecutor::newThread,
            new ThreadPoolExecutor.CallerRunsPolicy());

    Executor executor() {
        return executor;
    }

    /** Returns once every snapshot scheduled before the call has been taken or has failed (logged by Axon). */
    void awaitScheduled() throws InterruptedException {
        try {
            executor.submit(() -> { }).get();
        } catch (ExecutionException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** A snapshot cut short by shutdown is only a snapshot not taken: the next load reads more events. */
    @Override
    public void close() {
        executor.shutdownNow();
    }

    private static Thread newThread(Runnable task) {
        Thread thread = new Thread(task, "aggregate-snapshots");
        thread.setDaemon(true);
        return thread;
    }
}
