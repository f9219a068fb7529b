package io.netloom.daemon.relay;

import java.util.List;

/** The threads TURN allocations run on, to check that ended allocations leave none behind. */
final class TurnThreads {

    private TurnThreads() {
    }

    static List<String> alive() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.startsWith("netloom-turn-"))
                .sorted()
                .toList();
    }
}
