package io.netloom.testsupport.fuzz;

import net.jqwik.api.FixedSeedMode;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * How many inputs a fuzz property tries, and from which seed. The build runs each module's short campaign (its
 * {@code jqwik.tries.default} in {@code junit-platform.properties}) from a fixed seed, the same inputs every time;
 * {@code -Dnetloom.fuzz.tries=N} and {@code -Dnetloom.fuzz.seed=S} ({@code random} for a fresh one) run a long one.
 */
public final class FuzzCampaign implements AroundPropertyHook {

    static final String BUILD_SEED = "20261203";

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        Integer tries = Integer.getInteger("netloom.fuzz.tries");
        if (tries != null) {
            context.attributes().setTries(tries);
        }
        String seed = System.getProperty("netloom.fuzz.seed", BUILD_SEED);
        if (!"random".equals(seed)) {
            context.attributes().setSeed(seed);
            context.attributes().setWhenFixedSeed(FixedSeedMode.ALLOW);
        }
        return property.execute();
    }
}
