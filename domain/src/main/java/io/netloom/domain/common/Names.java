package io.netloom.domain.common;

/** One rule for every human-given name (peers, groups, keys, tokens, policies), so they all behave alike. */
public final class Names {

    public static final int MAX_LENGTH = 255;

    private Names() {
    }

    /** Returns the name trimmed, so " laptop " and "laptop" are the same name. */
    public static String requireValid(String name, String what) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty()) {
            throw CommandRejectedException.invalid(what + " must not be empty");
        }
        return requireWellFormed(trimmed, what);
    }

    /** Like {@link #requireValid}, but an absent name becomes "" instead of being refused. */
    public static String optional(String name, String what) {
        String trimmed = name == null ? "" : name.strip();
        return trimmed.isEmpty() ? "" : requireWellFormed(trimmed, what);
    }

    private static String requireWellFormed(String trimmed, String what) {
        if (trimmed.length() > MAX_LENGTH) {
            throw CommandRejectedException.invalid(what + " must be at most " + MAX_LENGTH + " characters");
        }
        if (trimmed.chars().anyMatch(Character::isISOControl)) {
            throw CommandRejectedException.invalid(what + " must not contain control characters");
        }
        return trimmed;
    }
}
