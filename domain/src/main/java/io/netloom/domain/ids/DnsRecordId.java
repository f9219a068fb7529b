package io.netloom.domain.ids;

import java.util.UUID;

/** Identifies a record of a custom DNS zone. */
public record DnsRecordId(String value) {

    public DnsRecordId {
        value = Ids.requireWellFormed(value, "DnsRecordId");
    }

    public static DnsRecordId random() {
        return new DnsRecordId(UUID.randomUUID().toString());
    }

    /** The bare value, as for every id: records are sorted and logged by it. */
    @Override
    public String toString() {
        return value;
    }
}
