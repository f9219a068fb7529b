package io.netloom.server.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.netloom.domain.common.CommandRejectedException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Component;

/**
 * {@code netloom.commands}: how long each command took from sending to its events stored, by command and outcome:
 * {@code ok}, {@code rejected} (the domain refused it: the caller gets a 4xx) or {@code failed} (anything else).
 */
@Component
public class CommandMeters {

    static final String NAME = "netloom.commands";

    private final MeterRegistry registry;
    private final Map<Class<?>, Outcomes> byCommand = new ConcurrentHashMap<>();

    public CommandMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    public void succeeded(Class<?> command, long startNanos) {
        outcomes(command).ok.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }

    public void threw(Class<?> command, long startNanos, RuntimeException failure) {
        Outcomes outcomes = outcomes(command);
        Timer timer = failure instanceof CommandRejectedException || failure instanceof AggregateNotFoundException
                ? outcomes.rejected : outcomes.failed;
        timer.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }

    /** All three outcomes at once, so a rate of rejections starts from a zero rather than from nothing. */
    private Outcomes outcomes(Class<?> command) {
        return byCommand.computeIfAbsent(command, type -> new Outcomes(timer(type, "ok"), timer(type, "rejected"),
                timer(type, "failed")));
    }

    private Timer timer(Class<?> command, String outcome) {
        return Timer.builder(NAME).description("Commands sent, from sending to their events stored")
                .tag("command", command.getSimpleName()).tag("outcome", outcome).register(registry);
    }

    private record Outcomes(Timer ok, Timer rejected, Timer failed) {
    }
}
