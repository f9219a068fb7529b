package io.netloom.domain.ids;

import io.netloom.domain.common.CommandRejectedException;

final class Ids {

    private static final int MAX_LENGTH = 64;

    private Ids() {
    }

    /** Ids arrive from URLs and request bodies, so a malformed one is the caller's error, not a crash. */
    static String requireWellFormed(String value, String kind) {
        if (value == null || value.isBlank()) {
            throw CommandRejectedException.invalid(kind + " must not be empty");
        }
        if (value.length() > MAX_LENGTH || !allIdCharacters(value)) {
            throw CommandRejectedException.invalid(kind + " is malformed");
        }
        return value;
    }

    // A loop rather than chars().allMatch: every id read from a read-model snapshot passes here, millions at a start.
    private static boolean allIdCharacters(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (!isIdCharacter(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isIdCharacter(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }
}
