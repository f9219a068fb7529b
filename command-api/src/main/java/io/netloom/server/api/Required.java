package io.netloom.server.api;

import io.netloom.domain.common.CommandRejectedException;

/** NetBird answers a missing required field with 422; so do we, naming the field. */
final class Required {

    private Required() {
    }

    static <T> T field(T value, String name) {
        if (value == null) {
            throw CommandRejectedException.invalid(name + " is required");
        }
        return value;
    }
}
