package io.netloom.domain.ids;

import java.util.UUID;

/** Identifies a group of peers. */
public record GroupId(String value) {

    public GroupId {
        value = Ids.requireWellFormed(value, "GroupId");
    }

    public static GroupId random() {
        return new GroupId(UUID.randomUUID().toString());
    }

    /** Axon uses toString() as the aggregate identifier, so it must be the bare value. */
    @Override
    public String toString() {
        return value;
    }
}
