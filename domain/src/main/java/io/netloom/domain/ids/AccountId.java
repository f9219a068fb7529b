package io.netloom.domain.ids;

import java.util.UUID;

/** Identifies an account: the tenant boundary no data ever crosses. */
public record AccountId(String value) {

    public AccountId {
        value = Ids.requireWellFormed(value, "AccountId");
    }

    public static AccountId random() {
        return new AccountId(UUID.randomUUID().toString());
    }

    /** Axon uses toString() as the aggregate identifier, so it must be the bare value. */
    @Override
    public String toString() {
        return value;
    }
}
