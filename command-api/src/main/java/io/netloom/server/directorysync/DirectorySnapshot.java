package io.netloom.server.directorysync;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One complete, successful read of a directory. A person missing from it no longer exists there: a source that
 * could not read everything throws instead of returning a partial snapshot.
 *
 * @param groupsRead whether the people's groups were read; if not, their (empty) groups mean nothing
 */
public record DirectorySnapshot(Map<String, DirectoryPerson> people, boolean groupsRead) {

    public DirectorySnapshot {
        people = Map.copyOf(people);
    }

    public static DirectorySnapshot of(Collection<DirectoryPerson> people, boolean groupsRead) {
        Map<String, DirectoryPerson> byId = new LinkedHashMap<>();
        people.forEach(person -> byId.put(person.id(), person));
        return new DirectorySnapshot(byId, groupsRead);
    }

    public Optional<DirectoryPerson> person(String id) {
        return Optional.ofNullable(people.get(id));
    }

    public int size() {
        return people.size();
    }
}
