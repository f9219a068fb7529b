package io.netloom.domain.ids;

import java.util.UUID;

/** Identifies a router of a network: a peer, or the peers of groups, that forward to its resources. */
public record NetworkRouterId(String value) {

    public NetworkRouterId {
        value = Ids.requireWellFormed(value, "NetworkRouterId");
    }

    public static NetworkRouterId random() {
        return new NetworkRouterId(UUID.randomUUID().toString());
    }

    /** Axon uses toString() as the aggregate identifier, so it must be the bare value. */
    @Override
    public String toString() {
        return value;
    }
}
