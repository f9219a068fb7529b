package io.netloom.domain.ids;

import java.util.UUID;

/** Identifies a network (NetBird's newer model: resources reachable through routers). */
public record NetworkId(String value) {

    public NetworkId {
        value = Ids.requireWellFormed(value, "NetworkId");
    }

    public static NetworkId random() {
        return new NetworkId(UUID.randomUUID().toString());
    }

    /** Axon uses toString() as the aggregate identifier, so it must be the bare value. */
    @Override
    public String toString() {
        return value;
    }
}
