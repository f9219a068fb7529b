package io.netloom.daemon.status;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The last few things that went wrong and were survived (a hostile signal, a map entry set aside, an
 * unreachable relay), kept for {@code netloom status}: logged is not enough when nobody reads logs.
 */
public final class RecentProblems {

    private static final int KEPT = 20;

    private final Clock clock;
    private final Deque<String> problems = new ArrayDeque<>();

    public RecentProblems(Clock clock) {
        this.clock = clock;
    }

    public synchronized void add(String problem) {
        problems.addFirst(clock.instant() + " " + problem);
        while (problems.size() > KEPT) {
            problems.removeLast();
        }
    }

    public synchronized List<String> newestFirst() {
        return List.copyOf(problems);
    }
}
