package io.netloom.server.fuzz;

import net.jqwik.api.FixedSeedMode;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * How many inputs each fuzz property tries and from which seed. The build runs a short campaign
 * from a fixed seed, the same inputs every time; {@code -Pfuzz} (or the system properties
 * {@code netloom.fuzz.tries} and {@code netloom.fuzz.seed}, {@code random} for a fresh one) runs a long one.
 */
public final class FuzzCampaign implements AroundPropertyHook {

    static final int BUILD_TRIES = 40;
    static final String BUILD_SEED = "20261203";

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        context.attributes().setTries(Integer.getInteger("netloom.fuzz.tries", BUILD_TRIES));
        String seed = System.getProperty("netloom.fuzz.seed", BUILD_SEED);
        if (!"random".equals(seed)) {
            context.attributes().setSeed(seed);
            context.attributes().setWhenFixedSeed(FixedSeedMode.ALLOW);
        }
        return property.execute();
    }
}
