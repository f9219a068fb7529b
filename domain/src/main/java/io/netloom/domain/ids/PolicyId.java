package io.netloom.domain.ids;

import java.util.UUID;

/** Identifies an access policy. */
public record PolicyId(String value) {

    public PolicyId {
        value = Ids.requireWellFormed(value, "PolicyId");
    }

    public static PolicyId random() {
        return new PolicyId(UUID.randomUUID().toString());
    }

    /** Axon uses toString() as the aggregate identifier, so it must be the bare value. */
    @Override
    public String toString() {
        return value;
    }
}
