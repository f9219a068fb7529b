package io.netloom.domain.common;

/** Free-form text that may be left empty, such as descriptions and reported versions. */
public final class Texts {

    private Texts() {
    }

    /** Absent text becomes "" so readers of the events never have to handle null. */
    public static String optional(String text, String what, int maxLength) {
        String value = text == null ? "" : text;
        if (value.length() > maxLength) {
            throw CommandRejectedException.invalid(what + " must be at most " + maxLength + " characters");
        }
        return value;
    }
}
