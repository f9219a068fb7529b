package io.netloom.domain.ids;

import java.util.UUID;

/** Identifies a custom DNS zone. */
public record DnsZoneId(String value) {

    public DnsZoneId {
        value = Ids.requireWellFormed(value, "DnsZoneId");
    }

    public static DnsZoneId random() {
        return new DnsZoneId(UUID.randomUUID().toString());
    }

    /** Axon uses toString() as the aggregate identifier, so it must be the bare value. */
    @Override
    public String toString() {
        return value;
    }
}
