package io.netloom.server.api;

import io.netloom.server.axon.Initiator;
import io.netloom.server.security.Caller;

/** Who a caller's commands are recorded as issued by: the user, and the personal access token if they used one. */
public final class Initiators {

    private Initiators() {
    }

    public static Initiator of(Caller caller) {
        return new Initiator(caller.userId().value(), caller.token() == null ? null : caller.token().value());
    }
}
