package io.netloom.domain.common;

/** Turns a missing value into a rejection the caller can act on instead of a NullPointerException. */
public final class Required {

    private Required() {
    }

    public static <T> T present(T value, String what) {
        if (value == null) {
            throw CommandRejectedException.invalid(what + " must be provided");
        }
        return value;
    }
}
