package io.netloom.domain.ids;

import java.util.UUID;

/** Identifies a resource of a network: a host or subnet reachable through the network's routers. */
public record NetworkResourceId(String value) {

    public NetworkResourceId {
        value = Ids.requireWellFormed(value, "NetworkResourceId");
    }

    public static NetworkResourceId random() {
        return new NetworkResourceId(UUID.randomUUID().toString());
    }

    /** Axon uses toString() as the aggregate identifier, so it must be the bare value. */
    @Override
    public String toString() {
        return value;
    }
}
