package io.netloom.daemon.control;

import java.io.IOException;
import java.nio.channels.Channel;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a channel when its answer takes too long: UNIX socket channels have no read timeout, and
 * closing is what unblocks a thread waiting on one.
 */
final class AnswerDeadline implements AutoCloseable {

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "control-answer-deadline");
        thread.setDaemon(true);
        return thread;
    });

    private final ScheduledFuture<?> closing;

    private AnswerDeadline(ScheduledFuture<?> closing) {
        this.closing = closing;
    }

    static AnswerDeadline closeAfter(Channel channel, Duration timeout) {
        return new AnswerDeadline(TIMER.schedule(() -> {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already closed: nothing left to unblock
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Override
    public void close() {
        closing.cancel(false);
    }
}
