package io.netloom.domain.ids;

import java.util.UUID;

/** Identifies a user (a person or a service user) within an account. */
public record UserId(String value) {

    public UserId {
        value = Ids.requireWellFormed(value, "UserId");
    }

    public static UserId random() {
        return new UserId(UUID.randomUUID().toString());
    }

    /** Axon uses toString() as the aggregate identifier, so it must be the bare value. */
    @Override
    public String toString() {
        return value;
    }
}
