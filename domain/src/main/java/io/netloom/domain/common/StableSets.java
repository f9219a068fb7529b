package io.netloom.domain.common;

import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Immutable id sets with a deterministic iteration order, so serialized events are byte-for-byte stable
 * and can be compared and replayed without surprises.
 */
public final class StableSets {

    private StableSets() {
    }

    /** Sorts by toString(), which for the typed ids is their bare value. Absent becomes empty. */
    public static <T> Set<T> copyOf(Collection<? extends T> items, String what) {
        if (items == null) {
            return Set.of();
        }
        if (items.stream().anyMatch(Objects::isNull)) {
            throw CommandRejectedException.invalid(what + " must not contain empty entries");
        }
        Set<T> sorted = new LinkedHashSet<>();
        items.stream().sorted(Comparator.comparing(Object::toString)).forEach(sorted::add);
        return Collections.unmodifiableSet(sorted);
    }

    /** The members of {@code left} missing from {@code right}, in stable order. */
    public static <T> Set<T> difference(Set<T> left, Set<T> right) {
        return copyOf(left.stream().filter(item -> !right.contains(item)).toList(), "set");
    }
}
