package io.netloom.daemon.routes;

import io.netloom.daemon.link.CommandFailedException;
import io.netloom.daemon.link.CommandResult;
import io.netloom.daemon.link.Commands;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a {@link RoutePlan} into the kernel as differences from the one applied before: a network no longer used
 * loses its route at once, the others are not touched. What was applied is remembered command by command, so a
 * failure leaves an exact record and the next plan retries what is missing.
 */
public final class KernelRoutes {

    private static final Logger log = LoggerFactory.getLogger(KernelRoutes.class);
    /** Far more rules than one priority of Netloom's ever holds: stops a loop on an `ip` that never fails. */
    private static final int MAX_LEFTOVER_RULES = 4096;

    /** Runs one {@code ip} command; the daemon runs it directly, a test in a network namespace. */
    @FunctionalInterface
    public interface Ip {
        CommandResult run(List<String> argv) throws IOException;

        Ip LOCAL = argv -> Commands.execute(argv, null, Commands.DEFAULT_TIMEOUT);
    }

    private final Ip ip;
    private final Set<List<String>> appliedRules = new LinkedHashSet<>();
    private final Set<String> appliedNetworks = new LinkedHashSet<>();
    private RoutePlan appliedPlan;

    public KernelRoutes(Ip ip) {
        this.ip = ip;
    }

    /**
     * Removes the rules and routes a daemon that died without cleaning up left behind: the priorities and the
     * table are Netloom's own, so whatever is found there is a leftover.
     */
    public static void removeLeftovers(Ip ip, int table) throws IOException {
        for (int priority : RoutePlan.PRIORITIES) {
            int removed = 0;
            while (removed < MAX_LEFTOVER_RULES
                    && ip.run(List.of("ip", "rule", "del", "priority", String.valueOf(priority))).succeeded()) {
                removed++;
            }
            if (removed > 0) {
                log.warn("removed {} routing rules of priority {} left over from an earlier run", removed, priority);
            }
        }
        CommandResult flush = ip.run(List.of("ip", "route", "flush", "table", String.valueOf(table)));
        // An empty table does not exist for the kernel; flushing it then fails, and that is fine.
        if (!flush.succeeded() && !flush.stderr().contains("FIB table does not exist")) {
            throw new CommandFailedException(flush);
        }
    }

    /** Makes the kernel match {@code plan}: new routes and rules first, then what is no longer wanted goes. */
    public void apply(RoutePlan plan) throws IOException {
        for (String network : plan.networks()) {
            if (!appliedNetworks.contains(network)) {
                run(plan.addRoute(network));
                appliedNetworks.add(network);
            }
        }
        // Priorities order the rules, not the order of adding them: a bypass added later still comes first.
        List<List<String>> wantedRules = plan.rules();
        for (List<String> rule : wantedRules) {
            if (!appliedRules.contains(rule)) {
                run(RoutePlan.addRule(rule));
                appliedRules.add(rule);
            }
        }
        for (List<String> rule : reversed(List.copyOf(appliedRules))) {
            if (!wantedRules.contains(rule)) {
                delete(RoutePlan.deleteRule(rule));
                appliedRules.remove(rule);
            }
        }
        for (String network : List.copyOf(appliedNetworks)) {
            if (!plan.networks().contains(network)) {
                delete(plan.deleteRoute(network));
                appliedNetworks.remove(network);
            }
        }
        appliedPlan = plan;
    }

    /** Removes every rule and route this instance applied; the daemon calls it on the way out. */
    public void clear() throws IOException {
        if (appliedPlan == null) {
            return;
        }
        RoutePlan empty = new RoutePlan(appliedPlan.device(), appliedPlan.table(), Set.of(), Set.of(), Set.of(),
                Set.of());
        for (List<String> rule : reversed(List.copyOf(appliedRules))) {
            delete(RoutePlan.deleteRule(rule));
            appliedRules.remove(rule);
        }
        for (String network : List.copyOf(appliedNetworks)) {
            delete(empty.deleteRoute(network));
            appliedNetworks.remove(network);
        }
        appliedPlan = empty;
    }

    private void run(List<String> argv) throws IOException {
        CommandResult result = ip.run(argv);
        if (!result.succeeded()) {
            throw new CommandFailedException(result);
        }
    }

    /** A rule or route that is already gone is what deleting it wants; anything else is worth a line in the log. */
    private void delete(List<String> argv) throws IOException {
        CommandResult result = ip.run(argv);
        if (!result.succeeded()) {
            log.debug("`{}` failed: {}", result.displayCommand(), result.stderr().strip());
        }
    }

    private static <T> List<T> reversed(List<T> list) {
        List<T> copy = new ArrayList<>(list);
        Collections.reverse(copy);
        return copy;
    }
}
