package io.netloom.domain.ids;

import java.util.UUID;

/** Identifies an enrolled device. */
public record PeerId(String value) {

    public PeerId {
        value = Ids.requireWellFormed(value, "PeerId");
    }

    public static PeerId random() {
        return new PeerId(UUID.randomUUID().toString());
    }

    /** Axon uses toString() as the aggregate identifier, so it must be the bare value. */
    @Override
    public String toString() {
        return value;
    }
}
