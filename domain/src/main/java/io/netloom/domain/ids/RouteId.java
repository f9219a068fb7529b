package io.netloom.domain.ids;

import java.util.UUID;

/** Identifies a network route. */
public record RouteId(String value) {

    public RouteId {
        value = Ids.requireWellFormed(value, "RouteId");
    }

    public static RouteId random() {
        return new RouteId(UUID.randomUUID().toString());
    }

    /** Axon uses toString() as the aggregate identifier, so it must be the bare value. */
    @Override
    public String toString() {
        return value;
    }
}
