package io.netloom.gateway;

import java.util.Locale;

/** What became of one ICE signal a peer sent (docs/protocol.md §3); the error code the sender gets, when it fails. */
public enum SignalOutcome {
    RELAYED,
    /** Malformed: the sender's session is closed. */
    INVALID,
    NOT_ALLOWED,
    PEER_OFFLINE,
    REPLAYED,
    /** The recipient does not read what it is sent. */
    PEER_BUSY;

    /** The name meters and logs use: {@code relayed}, {@code not_allowed}, … */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
