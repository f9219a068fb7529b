package io.netloom.domain.dns;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Finds CNAME loops: a resolver following a loop would only give up after its hop limit, so a record that closes
 * one is refused. Names are compared as written (normalised); a wildcard record is not expanded.
 */
public final class CnameChains {

    private CnameChains() {
    }

    /**
     * A chain of CNAME targets from {@code start} that comes back to a name already on it, e.g.
     * {@code [a.example, b.example, a.example]}, or empty when every chain from {@code start} ends.
     *
     * @param targets the CNAME targets of a name (none for a name without CNAME records)
     */
    public static Optional<List<String>> loopFrom(String start, Function<String, Collection<String>> targets) {
        return walk(start, targets, new ArrayList<>(), new HashSet<>());
    }

    /** Depth first; {@code finished} holds names every chain from which is known to end. */
    private static Optional<List<String>> walk(String name, Function<String, Collection<String>> targets,
            List<String> path, Set<String> finished) {
        if (path.contains(name)) {
            List<String> loop = new ArrayList<>(path.subList(path.indexOf(name), path.size()));
            loop.add(name);
            return Optional.of(loop);
        }
        if (finished.contains(name)) {
            return Optional.empty();
        }
        path.add(name);
        for (String target : targets.apply(name)) {
            Optional<List<String>> loop = walk(target, targets, path, finished);
            if (loop.isPresent()) {
                return loop;
            }
        }
        path.remove(path.size() - 1);
        finished.add(name);
        return Optional.empty();
    }
}
