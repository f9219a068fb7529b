package io.netloom.domain.ids;

import java.util.UUID;

/** Identifies a nameserver group. */
public record NameserverGroupId(String value) {

    public NameserverGroupId {
        value = Ids.requireWellFormed(value, "NameserverGroupId");
    }

    public static NameserverGroupId random() {
        return new NameserverGroupId(UUID.randomUUID().toString());
    }

    /** Axon uses toString() as the aggregate identifier, so it must be the bare value. */
    @Override
    public String toString() {
        return value;
    }
}
