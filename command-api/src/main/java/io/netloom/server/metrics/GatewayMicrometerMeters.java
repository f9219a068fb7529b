package io.netloom.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netloom.gateway.GatewayMeters;
import io.netloom.gateway.SignalOutcome;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The gateway's counts as meters: {@code netloom.maps.pushed} by {@code kind} (full or delta) and
 * {@code netloom.gateway.signals} by {@code outcome}. Every counter exists from the start, so none is looked up on
 * the event loops.
 */
@Component
public class GatewayMicrometerMeters implements GatewayMeters {

    private final Counter fullMaps;
    private final Counter deltas;
    private final Map<SignalOutcome, Counter> signals = new EnumMap<>(SignalOutcome.class);

    public GatewayMicrometerMeters(MeterRegistry registry) {
        this.fullMaps = maps(registry, "full");
        this.deltas = maps(registry, "delta");
        for (SignalOutcome outcome : SignalOutcome.values()) {
            signals.put(outcome, Counter.builder("netloom.gateway.signals")
                    .description("ICE signals peers sent through this process's gateway, by what became of them")
                    .tag("outcome", outcome.tag()).register(registry));
        }
    }

    private static Counter maps(MeterRegistry registry, String kind) {
        return Counter.builder("netloom.maps.pushed")
                .description("Signed network-map messages written to peers by this process's gateway")
                .tag("kind", kind).register(registry);
    }

    @Override
    public void mapPushed(boolean fullMap) {
        (fullMap ? fullMaps : deltas).increment();
    }

    @Override
    public void signal(SignalOutcome outcome) {
        signals.get(outcome).increment();
    }
}
