package io.netloom.gateway.protocol;

import net.jqwik.api.FixedSeedMode;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * How many inputs each of the protocol's fuzz properties tries, and from which seed: as the daemon's
 * ({@code io.netloom.daemon.fuzz.FuzzCampaign}), {@value #BUILD_TRIES} inputs from a fixed seed in the build,
 * {@code -Dnetloom.fuzz.tries=N} and {@code -Dnetloom.fuzz.seed=S} (or {@code random}) for a long campaign.
 */
public final class FuzzCampaign implements AroundPropertyHook {

    static final int BUILD_TRIES = 2_000;
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
