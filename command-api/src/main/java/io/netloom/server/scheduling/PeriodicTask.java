package io.netloom.server.scheduling;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A task the server runs on a thread of its own every {@code period} while it runs. A run that fails is logged and
 * leaves things as they were; the next run tries again, so one bad moment never stops the schedule.
 */
public abstract class PeriodicTask implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PeriodicTask.class);

    private final String name;
    private final Duration initialDelay;
    private final Duration period;
    private final int phase;
    private ScheduledExecutorService scheduler;

    protected PeriodicTask(String name, Duration initialDelay, Duration period, int phase) {
        this.name = name;
        this.initialDelay = initialDelay;
        this.period = period;
        this.phase = phase;
    }

    /** One run; an exception it throws is logged, not propagated. */
    protected abstract void runOnce() throws Exception;

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::runLogged, initialDelay.toMillis(), period.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void runLogged() {
        try {
            runOnce();
        } catch (Exception e) {
            log.error("{} failed, trying again in {}: {}", name, period, e.getMessage(), e);
        }
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }

    @Override
    public int getPhase() {
        return phase;
    }
}
