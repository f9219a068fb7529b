package io.netloom.domain.user;

import io.netloom.domain.common.Names;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The group names a person's token carried at sign-in, as the sign-in side extracted them. A claim no
 * directory would send (more than {@link #MAX_ENTRIES} names, a name longer than a group name may be, control
 * characters) is ignored whole rather than partly applied: a partial list would remove the person from groups
 * they are in. Never throws: a bad claim is the identity provider's fault, not the person's.
 *
 * @param names the distinct names, trimmed, in the order the token gave them; empty when ignored
 * @param ignoredBecause why the claim was ignored, empty when it was accepted
 */
public record GroupsClaim(List<String> names, String ignoredBecause) {

    public static final int MAX_ENTRIES = 1_000;

    public GroupsClaim {
        names = List.copyOf(names);
    }

    /** A missing claim is an empty one, as in NetBird; empty and blank entries are skipped, as non-strings are there. */
    public static GroupsClaim of(List<String> claimed) {
        if (claimed == null) {
            return new GroupsClaim(List.of(), "");
        }
        if (claimed.size() > MAX_ENTRIES) {
            return ignored("it names " + claimed.size() + " groups, more than " + MAX_ENTRIES);
        }
        Set<String> names = new LinkedHashSet<>();
        for (String name : claimed) {
            String trimmed = name == null ? "" : name.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (trimmed.length() > Names.MAX_LENGTH) {
                return ignored("a group name is longer than " + Names.MAX_LENGTH + " characters");
            }
            if (trimmed.chars().anyMatch(Character::isISOControl)) {
                return ignored("a group name contains control characters");
            }
            names.add(trimmed);
        }
        return new GroupsClaim(List.copyOf(names), "");
    }

    /**
     * The claim as a token carries it: a list of names, or, as some providers send a single group, one name
     * (NetBird accepts both). Entries that are not strings are skipped, as NetBird does; a claim of any other
     * type is ignored.
     */
    public static GroupsClaim fromToken(Object claim) {
        if (claim == null) {
            return of(null);
        }
        if (claim instanceof String single) {
            return of(List.of(single));
        }
        if (claim instanceof Collection<?> entries) {
            if (entries.size() > MAX_ENTRIES) {
                return ignored("it names " + entries.size() + " groups, more than " + MAX_ENTRIES);
            }
            List<String> names = new ArrayList<>();
            entries.stream().filter(String.class::isInstance).map(String.class::cast).forEach(names::add);
            return of(names);
        }
        return ignored("it is neither a list of group names nor one name");
    }

    private static GroupsClaim ignored(String reason) {
        return new GroupsClaim(List.of(), reason);
    }

    public boolean isIgnored() {
        return !ignoredBecause.isEmpty();
    }
}
