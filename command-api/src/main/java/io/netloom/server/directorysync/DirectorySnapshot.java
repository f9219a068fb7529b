package io.netloom.server.directorysync;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One complete, successful read of a directory. A person missing from it no longer exists there: a source that
 * could not read everything throws instead of returning a partial snapshot.
 */
public record DirectorySnapshot(Map<String, DirectoryPerson> people) {

    public DirectorySnapshot {
        people = Map.copyOf(people);
    }

    public static DirectorySnapshot of(Collection<DirectoryPerson> people) {
        Map<String, DirectoryPerson> byId = new LinkedHashMap<>();
        people.forEach(person -> byId.put(person.id(), person));
        return new DirectorySnapshot(byId);
    }

    public Optional<DirectoryPerson> person(String id) {
        return Optional.ofNullable(people.get(id));
    }

    public int size() {
        return people.size();
    }
}
