package io.netloom.domain.ids;

import java.util.UUID;

/** Identifies a personal access token (never the token itself: only its hash is stored). */
public record TokenId(String value) {

    public TokenId {
        value = Ids.requireWellFormed(value, "TokenId");
    }

    public static TokenId random() {
        return new TokenId(UUID.randomUUID().toString());
    }

    /** Axon uses toString() as the aggregate identifier, so it must be the bare value. */
    @Override
    public String toString() {
        return value;
    }
}
