package io.netloom.daemon.relay;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The threads TURN allocations run on, to check that ended allocations leave none behind. A test compares with the
 * threads that ran before it: another test class in the same JVM (a lab test's connections, say) may still be
 * ending its own allocations meanwhile.
 */
final class TurnThreads {

    private TurnThreads() {
    }

    /** The allocation threads alive now. */
    static Set<Thread> running() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .filter(thread -> thread.getName().startsWith("netloom-turn-"))
                .collect(Collectors.toSet());
    }

    /** The names of the allocation threads alive now that were not in {@code before}. */
    static List<String> startedSince(Set<Thread> before) {
        return running().stream().filter(thread -> !before.contains(thread)).map(Thread::getName).sorted().toList();
    }

    /** The names of the allocation threads alive now. */
    static List<String> alive() {
        return startedSince(Set.of());
    }
}
