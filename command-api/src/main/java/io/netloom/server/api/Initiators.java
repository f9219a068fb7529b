package io.netloom.server.api;

import io.netloom.server.axon.Initiator;
import io.netloom.server.security.Caller;

final class Initiators {

    private Initiators() {
    }

    static Initiator of(Caller caller) {
        return new Initiator(caller.userId().value());
    }
}
