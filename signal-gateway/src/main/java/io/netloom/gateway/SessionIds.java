package io.netloom.gateway;

import java.util.Optional;
import java.util.UUID;

/**
 * Session ids name the gateway that holds the session ({@code <node>:<random>}), so that when a gateway is gone
 * (its process killed, ADR 0058) the others can tell which recorded sessions were its own and record them as ended.
 * Ids recorded before gateways named themselves have no node: they belong to no gateway that is still there.
 */
public final class SessionIds {

    private static final char SEPARATOR = ':';

    private SessionIds() {
    }

    static String newId(String node) {
        return node + SEPARATOR + UUID.randomUUID();
    }

    /** The gateway that holds (or held) the session, if its id names one. */
    public static Optional<String> nodeOf(String sessionId) {
        int separator = sessionId == null ? -1 : sessionId.indexOf(SEPARATOR);
        return separator > 0 ? Optional.of(sessionId.substring(0, separator)) : Optional.empty();
    }
}
