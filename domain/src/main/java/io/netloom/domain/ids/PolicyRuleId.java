package io.netloom.domain.ids;

import java.util.UUID;

/** Identifies one rule within a policy. */
public record PolicyRuleId(String value) {

    public PolicyRuleId {
        value = Ids.requireWellFormed(value, "PolicyRuleId");
    }

    public static PolicyRuleId random() {
        return new PolicyRuleId(UUID.randomUUID().toString());
    }

    /** Axon uses toString() as the aggregate identifier, so it must be the bare value. */
    @Override
    public String toString() {
        return value;
    }
}
