package io.netloom.domain.user;

import io.netloom.domain.common.Names;
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

    private static GroupsClaim ignored(String reason) {
        return new GroupsClaim(List.of(), reason);
    }

    public boolean isIgnored() {
        return !ignoredBecause.isEmpty();
    }
}
