package io.netloom.domain.ids;

import java.util.UUID;

/** Identifies a setup key (never the key itself: only its hash is stored). */
public record SetupKeyId(String value) {

    public SetupKeyId {
        value = Ids.requireWellFormed(value, "SetupKeyId");
    }

    public static SetupKeyId random() {
        return new SetupKeyId(UUID.randomUUID().toString());
    }

    /** Axon uses toString() as the aggregate identifier, so it must be the bare value. */
    @Override
    public String toString() {
        return value;
    }
}
